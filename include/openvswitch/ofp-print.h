/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_PRINT_H
#define OPENVSWITCH_OFP_PRINT_H 1

/* Human-readable text for OpenFlow messages, byte for byte as upstream
 * Open vSwitch prints them (ovs-ofctl ofp-print, snoop, monitor, logs). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "openflow/openflow.h"
#include "openvswitch/ofp-errors.h"

struct ds;
struct ofputil_port_map;
struct ofputil_table_map;

/* Prints the 'len' bytes of OpenFlow message 'oh' to 'stream'; 'verbosity'
 * is the number of -m options (higher prints more). */
void ofp_print(FILE *stream, const void *oh, size_t len,
               const struct ofputil_port_map *,
               const struct ofputil_table_map *, int verbosity);

/* Prints 'len' bytes of Ethernet frame 'data' to 'stream'
 * (flow and packet dump). */
void ofp_print_packet(FILE *stream, const void *data, size_t len,
                      ovs_be32 packet_type);

/* Returns a malloc()'d string describing OpenFlow message 'oh' of 'len'
 * bytes (with a trailing new-line). */
char *ofp_to_string(const void *oh, size_t len,
                    const struct ofputil_port_map *,
                    const struct ofputil_table_map *, int verbosity);

/* Returns a malloc()'d hex dump of Ethernet frame 'data'. */
char *ofp_packet_to_string(const void *data, size_t len,
                           ovs_be32 packet_type);

/* Appends the name of 'version' as ofp-print shows it after a message name:
 * "" for 1.0, " (OF1.1)" ... " (OF1.5)", or " (OF 0xNN)". */
void ofp_print_version(const struct ofp_header *, struct ds *);

/* Appends 'n_bytes' of 'data' as a hex dump (offset, bytes, ASCII) as
 * upstream's ovs_hex_dump() does; 'ofs' is the first offset shown and
 * 'ascii' adds the ASCII column. */
void ofp_hex_dump(struct ds *, const void *data, size_t n_bytes,
                  uintptr_t ofs, bool ascii);

/* Appends "***decode error: NAME***" and a hex dump of the message, as
 * upstream does when a message cannot be decoded. */
void ofp_print_decode_error(struct ds *, const void *oh, size_t len,
                            enum ofperr error);

/* Appends the bits set in 'bits', named by 'bit_to_string', separated by
 * 'del'; unnamed bits appear as "0xNN" (upstream's ofp_print_bit_names). */
void ofp_print_bit_names(struct ds *, uint32_t bits,
                         const char *(*bit_to_string)(uint32_t bit),
                         char del);

#endif /* openvswitch/ofp-print.h */
