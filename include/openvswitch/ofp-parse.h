/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_PARSE_H
#define OPENVSWITCH_OFP_PARSE_H 1

/* Small parsers shared by the OpenFlow text syntaxes (flows, actions,
 * groups, meters): the "key=value" tokenizer, numbers with the error texts
 * ovs-ofctl prints, and protocol shorthands ("tcp", "ipv6"...). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "openvswitch/compiler.h"
#include "openvswitch/types.h"

struct eth_addr;

#ifdef __cplusplus
extern "C" {
#endif

/* Tokenizes '*stringp' as upstream's ovs-ofctl does: skips delimiters
 * (commas and white space), then takes a key ending at ':', '=', '(',
 * ',' or white space.  "key=value" and "key:value" give a value that
 * ends at a delimiter outside parentheses; "key(value)" gives the text
 * inside the balanced parentheses; a lone "key" gives "".  Modifies the
 * string in place (null-terminating key and value), stores pointers into
 * it in '*keyp' and '*valuep', advances '*stringp' and returns true; at the
 * end of the string returns false with both set to NULL. */
bool ofputil_parse_key_value(char **stringp, char **keyp, char **valuep);

/* Numbers.  Each returns NULL or a malloc()'d error message with
 * upstream's text: str_to_u8/u16 'invalid NAME "STR"', str_to_u32/u64/be64
 * "invalid numeric format STR".  Numbers are C syntax (decimal, 0x hex,
 * leading 0 octal). */
char *str_to_u8(const char *str, const char *name, uint8_t *valuep)
    OVS_WARN_UNUSED_RESULT;
char *str_to_u16(const char *str, const char *name, uint16_t *valuep)
    OVS_WARN_UNUSED_RESULT;
char *str_to_u32(const char *str, uint32_t *valuep) OVS_WARN_UNUSED_RESULT;
char *str_to_u64(const char *str, uint64_t *valuep) OVS_WARN_UNUSED_RESULT;
char *str_to_be64(const char *str, ovs_be64 *valuep) OVS_WARN_UNUSED_RESULT;

/* "invalid mac address STR" / "STR: could not convert to IP address". */
char *str_to_mac(const char *str, struct eth_addr *mac)
    OVS_WARN_UNUSED_RESULT;
char *str_to_ip(const char *str, ovs_be32 *ip) OVS_WARN_UNUSED_RESULT;

/* A protocol shorthand of the flow syntax: "ip" means dl_type=0x0800,
 * "tcp" also nw_proto=6, and so on. */
struct ofp_protocol {
    const char *name;           /* "ip", "tcp6", "arp"... */
    uint16_t dl_type;           /* Ethertype (host byte order). */
    uint8_t nw_proto;           /* IP protocol, 0 for none. */
};

/* Looks up the shorthand 'name'.  Returns true and stores it in '*p_out',
 * or returns false. */
bool ofp_parse_protocol(const char *name, const struct ofp_protocol **p_out);

/* Finds "action" in 's' (the start of "actions=..." in a flow's text),
 * null-terminates 's' there (leaving the match part) and returns the text
 * after the following '=', or NULL if there is none. */
char *ofp_extract_actions(char *s);

/* Parses a hexadecimal or decimal number of up to 8 * 'n' bits into the
 * right-justified 'n'-byte 'value' (immediates of "load" and "learn").
 * Returns a malloc()'d error ("S: BAD_SYNTAX" or "S: value too large"),
 * or NULL. */
char *ofp_parse_big_number(const char *s, uint8_t *value, size_t n,
                           const char *bad_syntax)
    OVS_WARN_UNUSED_RESULT;

#ifdef __cplusplus
}
#endif

#endif /* openvswitch/ofp-parse.h */
