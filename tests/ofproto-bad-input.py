#! /usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""Sends malformed OpenFlow messages to a switch and prints its replies.

usage: ofproto-bad-input.py [--ofp-print=PROGRAM] TARGET GROUP...

TARGET is the switch's management socket ("unix:PATH") or "tcp:IP:PORT".
Each GROUP names a list of cases (see CASES below; "list" prints them).
For each case the script sends one message on a connection negotiated
for the case's OpenFlow version, then an echo request, and reads until the
echo reply comes back: everything the switch sent in between is printed,
then "echo: ok" (the connection went on).  If the switch closes the
connection instead, it prints "connection closed" and opens a new one for
the next case.

Replies are printed in hex, one message per line, or, with --ofp-print,
through "PROGRAM ofp-print HEX" (upstream's ovs-ofctl in the tests), so the
test's expected output reads as error names."""

import socket
import struct
import subprocess
import sys

OFP10, OFP11, OFP12, OFP13, OFP14, OFP15 = 1, 2, 3, 4, 5, 6

# Message types (OpenFlow 1.0 / 1.3 numbering where they differ).
HELLO, ERROR, ECHO_REQUEST, ECHO_REPLY, EXPERIMENTER = 0, 1, 2, 3, 4
FEATURES_REQUEST, GET_CONFIG_REQUEST, SET_CONFIG = 5, 7, 9
PACKET_OUT, FLOW_MOD = 13, 14
OF10_PORT_MOD, OF10_STATS_REQUEST, OF10_BARRIER_REQUEST = 15, 16, 18
OF10_QUEUE_GET_CONFIG_REQUEST = 20
OF13_GROUP_MOD, OF13_PORT_MOD, OF13_TABLE_MOD = 15, 16, 17
OF13_MULTIPART_REQUEST, OF13_BARRIER_REQUEST = 18, 20
OF13_QUEUE_GET_CONFIG_REQUEST, OF13_ROLE_REQUEST = 22, 24
OF13_GET_ASYNC_REQUEST, OF13_SET_ASYNC, OF13_METER_MOD = 26, 28, 29

NX_VENDOR_ID = 0x00002320
OFPP10_NONE = 0xffff
OFPP_ANY = 0xffffffff
OFPG_ANY = 0xffffffff
NO_BUFFER = 0xffffffff
OFPFW10_ALL = 0x3fffff

# The echo request that follows each case has an xid of its own.
ECHO_XID = 0xecececec


def msg(version, type_, body=b'', xid=1, length=None):
    """Returns an OpenFlow message: the header ('length' overrides the
    true length) followed by 'body'."""
    if length is None:
        length = 8 + len(body)
    return struct.pack('!BBHI', version, type_, length, xid) + body


def pad8(data):
    """Returns 'data' padded with zeros to a multiple of 8 bytes."""
    return data + b'\0' * (-len(data) % 8)


# OpenFlow 1.0.

def of10_match(wildcards=OFPFW10_ALL, in_port=0, dl_type=0, nw_proto=0,
               nw_src=0, tp_src=0, dl_vlan=0):
    """Returns an ofp10_match."""
    return struct.pack('!IH6s6sHBxHBBxxIIHH', wildcards, in_port, b'\0' * 6,
                       b'\0' * 6, dl_vlan, 0, dl_type, 0, nw_proto, nw_src,
                       0, tp_src, 0)


def of10_flow_mod(match=None, actions=b'', command=0, priority=0x8000,
                  buffer_id=NO_BUFFER, out_port=OFPP10_NONE, flags=0,
                  cookie=0, idle=0, hard=0):
    """Returns the body of an OpenFlow 1.0 flow mod."""
    if match is None:
        match = of10_match()
    return match + struct.pack('!QHHHHIHH', cookie, command, idle, hard,
                               priority, buffer_id, out_port,
                               flags) + actions


def of10_output(port, max_len=0):
    """Returns an OpenFlow 1.0 output action."""
    return struct.pack('!HHHH', 0, 8, port, max_len)


def of10_packet_out(actions, in_port=OFPP10_NONE, buffer_id=NO_BUFFER,
                    data=b''):
    """Returns the body of an OpenFlow 1.0 packet-out."""
    return struct.pack('!IHH', buffer_id, in_port, len(actions)) \
        + actions + data


def nx_action(subtype, body, length=None):
    """Returns a Nicira extension action."""
    if length is None:
        length = 10 + len(body)
    return struct.pack('!HHIH', 0xffff, length, NX_VENDOR_ID, subtype) + body


# OpenFlow 1.1+.

def oxm(field, value, mask=None, oxm_class=0x8000):
    """Returns one OXM entry of 'oxm_class' for 'field' with 'value' (and
    'mask')."""
    if mask is None:
        return struct.pack('!HBB', oxm_class, field << 1, len(value)) + value
    return struct.pack('!HBB', oxm_class, (field << 1) | 1,
                       2 * len(value)) + value + mask


def of13_match(*fields, length=None):
    """Returns an OXM ofp11+ match holding 'fields', padded."""
    body = b''.join(fields)
    if length is None:
        length = 4 + len(body)
    return pad8(struct.pack('!HH', 1, length) + body)


def of13_flow_mod(match=None, instructions=b'', table_id=0, command=0,
                  priority=0x8000, buffer_id=NO_BUFFER, out_port=OFPP_ANY,
                  out_group=OFPG_ANY, flags=0, cookie=0, cookie_mask=0,
                  idle=0, hard=0):
    """Returns the body of an OpenFlow 1.1+ flow mod."""
    if match is None:
        match = of13_match()
    return struct.pack('!QQBBHHHIIIHxx', cookie, cookie_mask, table_id,
                       command, idle, hard, priority, buffer_id, out_port,
                       out_group, flags) + match + instructions


def of13_output(port, max_len=0):
    """Returns an OpenFlow 1.1+ output action."""
    return struct.pack('!HHIH6x', 0, 16, port, max_len)


def of13_apply(actions, type_=4):
    """Returns an apply-actions (or, with 'type_' 3, write-actions)
    instruction."""
    return struct.pack('!HH4x', type_, 8 + len(actions)) + actions


def of13_goto(table_id):
    """Returns a goto-table instruction."""
    return struct.pack('!HHB3x', 1, 8, table_id)


def of13_set_field(field):
    """Returns a set-field action holding the OXM 'field'."""
    return pad8(struct.pack('!HH', 25, pad8(b'\0' * 4 + field).__len__())
                + field)


def of13_packet_out(actions, in_port=0xfffffffd, buffer_id=NO_BUFFER,
                    data=b''):
    """Returns the body of an OpenFlow 1.1-1.4 packet-out (in_port
    defaults to OFPP_CONTROLLER)."""
    return struct.pack('!IIH6x', buffer_id, in_port, len(actions)) \
        + actions + data


def of13_multipart(type_, body=b'', flags=0):
    """Returns the body of a multipart request."""
    return struct.pack('!HH4x', type_, flags) + body


def of13_flow_stats_request(table_id=0xff, match=None):
    """Returns the body of a flow stats multipart request."""
    if match is None:
        match = of13_match()
    return struct.pack('!B3xII4xQQ', table_id, OFPP_ANY, OFPG_ANY, 0,
                       0) + match


# A minimal Ethernet frame (IPv4, UDP) for packet-outs.
FRAME = bytes.fromhex(
    '505400000002505400000001080045000020000040004011f7c3c0a80001c0a80002'
    '04d2162e000c0000') + b'\0' * 18

ETH_TYPE_IP = struct.pack('!H', 0x0800)

CASES = {
    # Header-level trouble, OpenFlow 1.0.
    'of10-header': [
        ('unknown message type 0xf0', OFP10, msg(OFP10, 0xf0)),
        ('OpenFlow 1.3 message type (multipart request) in 1.0', OFP10,
         msg(OFP10, 18, b'\0' * 8)),
        ('version 1.3 echo request on a 1.0 connection', OFP10,
         msg(OFP13, ECHO_REQUEST)),
        ('unknown version 0x09', OFP10, msg(0x09, FEATURES_REQUEST)),
        ('features request with a body', OFP10,
         msg(OFP10, FEATURES_REQUEST, b'\0' * 8)),
        ('set config truncated', OFP10, msg(OFP10, SET_CONFIG, b'\0\0')),
        ('set config oversized', OFP10,
         msg(OFP10, SET_CONFIG, b'\0' * 12)),
        ('vendor message, unknown vendor', OFP10,
         msg(OFP10, EXPERIMENTER, struct.pack('!I4x', 0x00abcdef))),
        ('vendor message truncated (no vendor id)', OFP10,
         msg(OFP10, EXPERIMENTER, b'\0\0')),
        ('Nicira message, unknown subtype', OFP10,
         msg(OFP10, EXPERIMENTER, struct.pack('!II', NX_VENDOR_ID, 0xfff))),
        ('stats request, unknown type', OFP10,
         msg(OFP10, OF10_STATS_REQUEST, struct.pack('!HH', 0x77, 0))),
        ('stats request truncated', OFP10,
         msg(OFP10, OF10_STATS_REQUEST, b'\0')),
        ('flow stats request truncated', OFP10,
         msg(OFP10, OF10_STATS_REQUEST,
             struct.pack('!HH', 1, 0) + of10_match())),
        ('port stats request oversized', OFP10,
         msg(OFP10, OF10_STATS_REQUEST,
             struct.pack('!HH', 4, 0) + b'\xff\xff' + b'\0' * 14)),
        ('barrier request with a body', OFP10,
         msg(OFP10, OF10_BARRIER_REQUEST, b'\0' * 4)),
        ('queue get config request, port 0x7777', OFP10,
         msg(OFP10, OF10_QUEUE_GET_CONFIG_REQUEST,
             struct.pack('!H2x', 0x7777))),
        ('port mod, no such port', OFP10,
         msg(OFP10, OF10_PORT_MOD,
             struct.pack('!H6sIII4x', 77, b'\0' * 6, 1, 1, 0))),
        ('port mod, wrong hardware address', OFP10,
         msg(OFP10, OF10_PORT_MOD,
             struct.pack('!H6sIII4x', 1, b'\x02\0\0\0\0\x77', 1, 1, 0))),
        ('port mod truncated', OFP10,
         msg(OFP10, OF10_PORT_MOD, struct.pack('!H6s', 1, b'\0' * 6))),
        ('packet-out, unknown buffer id', OFP10,
         msg(OFP10, PACKET_OUT,
             of10_packet_out(of10_output(2), in_port=1, buffer_id=1234))),
        ('packet-out, bad in_port', OFP10,
         msg(OFP10, PACKET_OUT,
             of10_packet_out(of10_output(2), in_port=0xff77, data=FRAME))),
        ('packet-out, actions_len past the end', OFP10,
         msg(OFP10, PACKET_OUT,
             struct.pack('!IHH', NO_BUFFER, 1, 64) + of10_output(2))),
        ('packet-out, actions_len not a multiple of 8', OFP10,
         msg(OFP10, PACKET_OUT,
             struct.pack('!IHH', NO_BUFFER, 1, 4) + of10_output(2)
             + FRAME)),
        ('packet-out, output to port 0', OFP10,
         msg(OFP10, PACKET_OUT,
             of10_packet_out(of10_output(0), in_port=1, data=FRAME))),
        ('echo request with data (answered)', OFP10,
         msg(OFP10, ECHO_REQUEST, b'abcd', xid=7)),
    ],

    # Flow mods that OpenFlow 1.0 switches refuse.
    'of10-flow-mod': [
        ('flow mod truncated (header only)', OFP10, msg(OFP10, FLOW_MOD)),
        ('flow mod truncated in the match', OFP10,
         msg(OFP10, FLOW_MOD, of10_match()[:20])),
        ('unknown command 9', OFP10,
         msg(OFP10, FLOW_MOD, of10_flow_mod(command=9))),
        ('unknown action type 0x77', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(actions=struct.pack('!HH4x', 0x77, 8)))),
        ('action length 0', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(actions=struct.pack('!HH4x', 0, 0)))),
        ('action length not a multiple of 8', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(actions=struct.pack('!HHHH', 0, 12, 2, 0)
                           + b'\0' * 4))),
        ('action longer than the message', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(actions=struct.pack('!HHHH', 0, 16, 2, 0)))),
        ('actions not a multiple of 8 bytes', OFP10,
         msg(OFP10, FLOW_MOD, of10_flow_mod(actions=of10_output(2)[:4]))),
        ('output action to port 0xff77 (reserved range)', OFP10,
         msg(OFP10, FLOW_MOD, of10_flow_mod(actions=of10_output(0xff77)))),
        ('set_vlan_vid 0x1000', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(actions=struct.pack('!HHH2x', 1, 8, 0x1000)))),
        ('set_vlan_pcp 8', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(actions=struct.pack('!HHB3x', 2, 8, 8)))),
        ('set_nw_tos with ECN bits', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(actions=struct.pack('!HHB3x', 8, 8, 3)))),
        ('set_dl_src truncated', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(actions=struct.pack('!HH6s2x', 4, 8, b'')))),
        ('vendor action, unknown vendor', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(actions=struct.pack('!HHI', 0xffff, 8,
                                               0x00abcdef)))),
        ('Nicira action, unknown subtype', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(actions=nx_action(0x7fff, b'\0' * 6)))),
        ('Nicira resubmit, bad length', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(actions=nx_action(1, b'\0' * 14)))),
        ('table id 254 in the command\'s high byte', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(command=0xfe00, actions=of10_output(2)))),
        ('table id 255 in the command\'s high byte', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(command=0xff00, actions=of10_output(2)))),
        ('unknown flags', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(flags=0x4000, actions=of10_output(2)))),
        ('unknown buffer id', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(buffer_id=77,
                           actions=of10_output(2)))),
        ('add with check_overlap over an existing flow', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(match=of10_match(wildcards=OFPFW10_ALL
                                            & ~(1 << 4), dl_type=0x0800),
                           priority=5, flags=2, actions=of10_output(1)))),
        ('modify with invalid action', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(command=1, actions=of10_output(0xff77)))),
        ('delete with a bad table id', OFP10,
         msg(OFP10, FLOW_MOD, of10_flow_mod(command=0xfe03))),
    ],

    # Header-level trouble, OpenFlow 1.3.
    'of13-header': [
        ('unknown message type 0xf0', OFP13, msg(OFP13, 0xf0)),
        ('OpenFlow 1.0 stats request type (16) in 1.3', OFP13,
         msg(OFP13, 16, b'\0' * 8)),
        ('version 1.0 features request on a 1.3 connection', OFP13,
         msg(OFP10, FEATURES_REQUEST)),
        ('unknown version 0x09', OFP13, msg(0x09, FEATURES_REQUEST)),
        ('features request with a body', OFP13,
         msg(OFP13, FEATURES_REQUEST, b'\0' * 8)),
        ('set config truncated', OFP13, msg(OFP13, SET_CONFIG, b'\0\0')),
        ('experimenter message, unknown experimenter', OFP13,
         msg(OFP13, EXPERIMENTER, struct.pack('!II', 0x00abcdef, 1))),
        ('Nicira message, unknown subtype', OFP13,
         msg(OFP13, EXPERIMENTER, struct.pack('!II', NX_VENDOR_ID, 0xfff))),
        ('experimenter message truncated', OFP13,
         msg(OFP13, EXPERIMENTER, b'\0\0\0')),
        ('multipart request, unknown type', OFP13,
         msg(OFP13, OF13_MULTIPART_REQUEST, of13_multipart(0x77))),
        ('multipart request, unknown experimenter', OFP13,
         msg(OFP13, OF13_MULTIPART_REQUEST,
             of13_multipart(0xffff, struct.pack('!II', 0x00abcdef, 1)))),
        ('multipart request truncated', OFP13,
         msg(OFP13, OF13_MULTIPART_REQUEST, b'\0\1')),
        ('flow stats request truncated', OFP13,
         msg(OFP13, OF13_MULTIPART_REQUEST,
             of13_multipart(1, b'\0' * 20))),
        ('port stats request, no such port', OFP13,
         msg(OFP13, OF13_MULTIPART_REQUEST,
             of13_multipart(4, struct.pack('!I4x', 77)))),
        ('barrier request with a body', OFP13,
         msg(OFP13, OF13_BARRIER_REQUEST, b'\0' * 8)),
        ('role request, unknown role 7', OFP13,
         msg(OFP13, OF13_ROLE_REQUEST, struct.pack('!I4xQ', 7, 0))),
        ('role request truncated', OFP13,
         msg(OFP13, OF13_ROLE_REQUEST, struct.pack('!I', 1))),
        ('table mod, table 0xfe', OFP13,
         msg(OFP13, OF13_TABLE_MOD, struct.pack('!B3xI', 0xfe, 0))),
        ('port mod, no such port', OFP13,
         msg(OFP13, OF13_PORT_MOD,
             struct.pack('!I4x6s2xIII4x', 77, b'\0' * 6, 1, 1, 0))),
        ('port mod truncated', OFP13,
         msg(OFP13, OF13_PORT_MOD, struct.pack('!I4x', 1))),
        ('queue get config request, no such port', OFP13,
         msg(OFP13, OF13_QUEUE_GET_CONFIG_REQUEST,
             struct.pack('!I4x', 77))),
        ('packet-out, unknown buffer id', OFP13,
         msg(OFP13, PACKET_OUT,
             of13_packet_out(of13_output(2), in_port=1, buffer_id=1234))),
        ('packet-out, bad in_port', OFP13,
         msg(OFP13, PACKET_OUT,
             of13_packet_out(of13_output(2), in_port=0xffff0000,
                             data=FRAME))),
        ('packet-out, actions_len past the end', OFP13,
         msg(OFP13, PACKET_OUT,
             struct.pack('!IIH6x', NO_BUFFER, 1, 64) + of13_output(2))),
        ('packet-out, output to port 0', OFP13,
         msg(OFP13, PACKET_OUT,
             of13_packet_out(of13_output(0), in_port=1, data=FRAME))),
        ('packet-out, goto_table instruction as an action', OFP13,
         msg(OFP13, PACKET_OUT,
             of13_packet_out(of13_goto(1), in_port=1, data=FRAME))),
    ],

    # Flow mods that OpenFlow 1.3 switches refuse.
    'of13-flow-mod': [
        ('flow mod truncated (no match)', OFP13,
         msg(OFP13, FLOW_MOD, of13_flow_mod()[:40])),
        ('unknown command 9', OFP13,
         msg(OFP13, FLOW_MOD, of13_flow_mod(command=9))),
        ('add to table 0xff', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(table_id=0xff,
                           instructions=of13_apply(of13_output(2))))),
        ('add to table 0xfe', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(table_id=0xfe,
                           instructions=of13_apply(of13_output(2))))),
        ('match type 0 (standard) in 1.3', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(match=struct.pack('!HH4x', 0, 8)))),
        ('match type 7', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(match=struct.pack('!HH4x', 7, 4)))),
        ('match length past the end', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(match=struct.pack('!HH4x', 1, 200)))),
        ('match length below 4', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(match=struct.pack('!HH4x', 1, 2)))),
        ('OXM field truncated', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(match=of13_match(oxm(5, b'\x08')[:5])))),
        ('OXM field with a bad length', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(match=of13_match(oxm(5, b'\x08\x00\x00'))))),
        ('OXM unknown field 0x7f', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(match=of13_match(oxm(0x7f, b'\0\0'))))),
        ('OXM unknown class 0x7777', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(match=of13_match(oxm(1, b'\0\0',
                                                oxm_class=0x7777))))),
        ('OXM duplicate field', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(match=of13_match(oxm(5, ETH_TYPE_IP),
                                            oxm(5, ETH_TYPE_IP))))),
        ('OXM ip_proto without eth_type (prerequisite)', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(match=of13_match(oxm(10, b'\x06'))))),
        ('OXM tcp_src with ip_proto 17 (prerequisite)', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(match=of13_match(oxm(5, ETH_TYPE_IP),
                                            oxm(10, b'\x11'),
                                            oxm(13, b'\0\x50'))))),
        ('OXM masked eth_type (not maskable)', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(match=of13_match(oxm(5, ETH_TYPE_IP,
                                                b'\xff\x00'))))),
        ('OXM value with bits outside its mask', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(match=of13_match(
                 oxm(5, ETH_TYPE_IP),
                 oxm(11, b'\x0a\x00\x00\x01', b'\xff\xff\xff\x00'))))),
        ('OXM vlan_vid 0x2001 (beyond 12 bits + present)', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(match=of13_match(oxm(6, b'\x20\x01'))))),
        ('unknown instruction type 0x77', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(instructions=struct.pack('!HH4x', 0x77, 8)))),
        ('instruction length past the end', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(instructions=struct.pack('!HH4x', 4, 64)))),
        ('instruction length 0', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(instructions=struct.pack('!HH4x', 4, 0)))),
        ('duplicate apply_actions instruction', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(instructions=of13_apply(of13_output(2))
                           + of13_apply(of13_output(2))))),
        ('goto_table backwards (table 1 -> 0)', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(table_id=1, instructions=of13_goto(0)))),
        ('experimenter instruction, unknown experimenter', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(instructions=struct.pack('!HHI', 0xffff, 8,
                                                    0x00abcdef)))),
        ('unknown action type 0x77', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(instructions=of13_apply(
                 struct.pack('!HH4x', 0x77, 8))))),
        ('action length not a multiple of 8', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(instructions=of13_apply(
                 struct.pack('!HHI', 0, 12, 2) + b'\0' * 4)))),
        ('output action to port 0xffff0000', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(instructions=of13_apply(
                 of13_output(0xffff0000))))),
        ('1.0 action (strip_vlan, type 3) in 1.3', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(instructions=of13_apply(
                 struct.pack('!HH4x', 3, 8))))),
        ('push_vlan with ethertype 0x0800', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(instructions=of13_apply(
                 struct.pack('!HHH2x', 17, 8, 0x0800))))),
        ('set_field ip_dscp without eth_type (prerequisite)', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(instructions=of13_apply(
                 of13_set_field(oxm(8, b'\x01')))))),
        ('set_field with a mask', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(instructions=of13_apply(
                 of13_set_field(oxm(3, b'\0' * 6, b'\xff' * 6)))))),
        ('set_field vlan_vid 0x2001', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(match=of13_match(oxm(6, b'\x10\x05')),
                           instructions=of13_apply(
                               of13_set_field(oxm(6, b'\x20\x01')))))),
        ('group action, no such group', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(instructions=of13_apply(
                 struct.pack('!HHI', 22, 8, 77))))),
        ('meter instruction, no such meter', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(instructions=struct.pack('!HHI', 6, 8, 77)))),
        ('unknown buffer id', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(buffer_id=77,
                           instructions=of13_apply(of13_output(2))))),
        ('add with check_overlap over an existing flow', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(match=of13_match(oxm(5, ETH_TYPE_IP)),
                           priority=5, flags=2,
                           instructions=of13_apply(of13_output(1))))),
        ('modify with an invalid action', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(command=1,
                           instructions=of13_apply(
                               of13_output(0xffff0000))))),
        ('delete from table 0xfe', OFP13,
         msg(OFP13, FLOW_MOD, of13_flow_mod(command=3, table_id=0xfe))),
    ],
    # Group and meter mods that OpenFlow 1.3 switches refuse.
    'of13-group-meter': [
        ('group mod truncated', OFP13,
         msg(OFP13, OF13_GROUP_MOD, b'\0\0')),
        ('group mod, unknown group type 9', OFP13,
         msg(OFP13, OF13_GROUP_MOD, struct.pack('!HBxI', 0, 9, 1))),
        ('group mod, unknown command 9', OFP13,
         msg(OFP13, OF13_GROUP_MOD, struct.pack('!HBxI', 9, 0, 1))),
        ('group mod, add group OFPG_ANY', OFP13,
         msg(OFP13, OF13_GROUP_MOD, struct.pack('!HBxI', 0, 0, OFPG_ANY))),
        ('group mod, bucket length past the end', OFP13,
         msg(OFP13, OF13_GROUP_MOD,
             struct.pack('!HBxI', 0, 0, 1)
             + struct.pack('!HHII4x', 64, 0, OFPP_ANY, OFPG_ANY))),
        ('group mod, modify a missing group', OFP13,
         msg(OFP13, OF13_GROUP_MOD, struct.pack('!HBxI', 1, 0, 77))),
        ('meter mod truncated', OFP13,
         msg(OFP13, OF13_METER_MOD, b'\0\0')),
        ('meter mod, add meter 0', OFP13,
         msg(OFP13, OF13_METER_MOD,
             struct.pack('!HHI', 0, 1, 0)
             + struct.pack('!HHII4x', 1, 16, 1000, 0))),
        ('meter mod, unknown flags', OFP13,
         msg(OFP13, OF13_METER_MOD,
             struct.pack('!HHI', 0, 0x80, 1)
             + struct.pack('!HHII4x', 1, 16, 1000, 0))),
        ('meter mod, unknown band type 7', OFP13,
         msg(OFP13, OF13_METER_MOD,
             struct.pack('!HHI', 0, 1, 1)
             + struct.pack('!HHII4x', 7, 16, 1000, 0))),
        ('meter mod, unknown command 9', OFP13,
         msg(OFP13, OF13_METER_MOD,
             struct.pack('!HHI', 9, 1, 1)
             + struct.pack('!HHII4x', 1, 16, 1000, 0))),
        ('meter mod, modify a missing meter', OFP13,
         msg(OFP13, OF13_METER_MOD,
             struct.pack('!HHI', 1, 1, 77)
             + struct.pack('!HHII4x', 1, 16, 1000, 0))),
    ],

    # Framing and session trouble: a length field below the header's size
    # ends the connection; a second hello or an error from the controller
    # is refused; an unsolicited echo reply is ignored.
    'framing': [
        ('length field 4', OFP10, msg(OFP10, FEATURES_REQUEST, length=4)),
        ('length field 0', OFP10, msg(OFP10, ECHO_REQUEST, length=0)),
        ('second hello', OFP10, msg(OFP10, HELLO)),
        ('second hello, version 1.3, on a 1.0 connection', OFP10,
         msg(OFP13, HELLO)),
        ('error message from the controller', OFP10,
         msg(OFP10, ERROR, struct.pack('!HH', 1, 1))),
        ('unsolicited echo reply', OFP10, msg(OFP10, ECHO_REPLY)),
        ('second hello (1.3)', OFP13, msg(OFP13, HELLO)),
        ('error message from the controller (1.3)', OFP13,
         msg(OFP13, ERROR, struct.pack('!HH', 1, 1))),
    ],

    # Queue configuration requests, good and bad ports.
    'queue-config': [
        ('1.0, port 1', OFP10,
         msg(OFP10, OF10_QUEUE_GET_CONFIG_REQUEST, struct.pack('!H2x', 1))),
        ('1.0, OFPP_NONE', OFP10,
         msg(OFP10, OF10_QUEUE_GET_CONFIG_REQUEST,
             struct.pack('!H2x', 0xffff))),
        ('1.0, OFPP_LOCAL', OFP10,
         msg(OFP10, OF10_QUEUE_GET_CONFIG_REQUEST,
             struct.pack('!H2x', 0xfffe))),
        ('1.0, port 0', OFP10,
         msg(OFP10, OF10_QUEUE_GET_CONFIG_REQUEST, struct.pack('!H2x', 0))),
        ('1.0, truncated', OFP10,
         msg(OFP10, OF10_QUEUE_GET_CONFIG_REQUEST, b'\0\1')),
        ('1.3, port 2', OFP13,
         msg(OFP13, OF13_QUEUE_GET_CONFIG_REQUEST, struct.pack('!I4x', 2))),
        ('1.3, OFPP_LOCAL', OFP13,
         msg(OFP13, OF13_QUEUE_GET_CONFIG_REQUEST,
             struct.pack('!I4x', 0xfffffffe))),
        ('1.3, port 0xffffff00', OFP13,
         msg(OFP13, OF13_QUEUE_GET_CONFIG_REQUEST,
             struct.pack('!I4x', 0xffffff00))),
        ('1.4 queue desc, port 1, all queues', OFP14,
         msg(OFP14, OF13_MULTIPART_REQUEST,
             of13_multipart(15, struct.pack('!II', 1, 0xffffffff)))),
        ('1.4 queue desc, port 1, queue 5', OFP14,
         msg(OFP14, OF13_MULTIPART_REQUEST,
             of13_multipart(15, struct.pack('!II', 1, 5)))),
        ('1.4 queue desc, OFPP_LOCAL, queue 0', OFP14,
         msg(OFP14, OF13_MULTIPART_REQUEST,
             of13_multipart(15, struct.pack('!II', 0xfffffffe, 0)))),
        ('1.4 queue desc, port 77', OFP14,
         msg(OFP14, OF13_MULTIPART_REQUEST,
             of13_multipart(15, struct.pack('!II', 77, 0xffffffff)))),
    ],

    # Flow mods with odd contents that upstream's switch accepts: they
    # change the flow table.
    'of10-accepted': [
        ('nw_src with dl_type IPv6 (nw_src dropped)', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(priority=102,
                           match=of10_match(
                               wildcards=OFPFW10_ALL & ~(0x3f << 8)
                               & ~(1 << 4),
                               dl_type=0x86dd, nw_src=0x0a000001),
                           actions=of10_output(2)))),
        ('tp_src without dl_type (tp_src dropped)', OFP10,
         msg(OFP10, FLOW_MOD,
             of10_flow_mod(priority=103,
                           match=of10_match(wildcards=OFPFW10_ALL & ~(1 << 6),
                                            tp_src=80),
                           actions=of10_output(2)))),
        ('output action to port 0', OFP10,
         msg(OFP10, FLOW_MOD, of10_flow_mod(priority=100,
                                            actions=of10_output(0)))),
    ],
    'of13-accepted': [
        ('OXM in_port 0', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(priority=200,
                           match=of13_match(oxm(0, b'\0\0\0\0'))))),
        ('goto_table 0xfe', OFP13,
         msg(OFP13, FLOW_MOD, of13_flow_mod(priority=201,
                                            instructions=of13_goto(0xfe)))),
        ('output action to port 0', OFP13,
         msg(OFP13, FLOW_MOD,
             of13_flow_mod(priority=202,
                           instructions=of13_apply(of13_output(0))))),
    ],
}


def connect(target):
    """Returns a socket connected to 'target'."""
    if target.startswith('unix:'):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(target[5:])
    elif target.startswith('tcp:'):
        _, host, port = target.split(':')
        sock = socket.create_connection((host, int(port)))
    else:
        sys.exit('%s: unknown target' % target)
    sock.settimeout(10)
    return sock


def recv_exact(sock, n):
    """Reads exactly 'n' bytes from 'sock'; returns None at end of file."""
    data = b''
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def recv_msg(sock):
    """Returns the next OpenFlow message from 'sock', or None if the
    connection closed."""
    try:
        hdr = recv_exact(sock, 8)
        if hdr is None:
            return None
        length = struct.unpack('!H', hdr[2:4])[0]
        body = recv_exact(sock, length - 8) if length > 8 else b''
        if body is None:
            return None
        return hdr + body
    except (ConnectionResetError, socket.timeout):
        return None


def open_session(target, version):
    """Opens a connection to 'target' and negotiates 'version' (a hello
    carrying only that version).  Returns the socket."""
    sock = connect(target)
    sock.sendall(msg(version, HELLO, xid=0))
    reply = recv_msg(sock)
    if reply is None or reply[1] != HELLO:
        sys.exit('no hello from the switch')
    return sock


def show(data, ofp_print):
    """Prints the message 'data'."""
    if ofp_print:
        out = subprocess.run([ofp_print, 'ofp-print', data.hex()],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             universal_newlines=True, check=False).stdout
        sys.stdout.write(out)
    else:
        print(data.hex())


def run_group(target, group, ofp_print):
    """Runs every case of 'group' against 'target'."""
    sessions = {}
    for name, version, data in CASES[group]:
        print('== %s' % name)
        sock = sessions.get(version)
        if sock is None:
            sock = sessions[version] = open_session(target, version)
        sock.sendall(data + msg(version, ECHO_REQUEST, xid=ECHO_XID))
        while True:
            reply = recv_msg(sock)
            if reply is None:
                print('connection closed')
                sock.close()
                del sessions[version]
                break
            if (reply[1] == ECHO_REPLY
                    and struct.unpack('!I', reply[4:8])[0] == ECHO_XID):
                print('echo: ok')
                break
            show(reply, ofp_print)
        sys.stdout.flush()
    for sock in sessions.values():
        sock.close()


def main():
    args = sys.argv[1:]
    ofp_print = None
    if args and args[0].startswith('--ofp-print='):
        ofp_print = args.pop(0)[len('--ofp-print='):]
    if args == ['list']:
        for group, cases in CASES.items():
            print('%s: %d cases' % (group, len(cases)))
        return
    if len(args) < 2:
        sys.stderr.write(__doc__)
        sys.exit(1)
    target = args[0]
    for group in args[1:]:
        if group not in CASES:
            sys.exit('%s: unknown group' % group)
        run_group(target, group, ofp_print)


if __name__ == '__main__':
    main()
