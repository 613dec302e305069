/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/ofp-parse.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "openvswitch/util.h"
#include "packets.h"
#include "socket-util.h"

/* Characters that separate "key=value" items. */
static const char kv_delimiters[] = ", \t\r\n";

/* Returns the length of the value that starts at 's' and ends at the first
 * delimiter that is not inside parentheses. */
static size_t
kv_value_len(const char *s)
{
    int depth = 0;
    size_t n;

    for (n = 0; s[n]; n++) {
        char c = s[n];

        if (c == '(') {
            depth++;
        } else if (c == ')') {
            if (depth > 0) {
                depth--;
            }
        } else if (!depth && strchr(kv_delimiters, c)) {
            break;
        }
    }
    return n;
}

/* Returns the length of the text inside the parentheses whose opening
 * parenthesis precedes 's', that is, up to the matching ')' or to the end
 * of the string if it is unbalanced. */
static size_t
kv_paren_len(const char *s)
{
    int depth = 1;
    size_t n;

    for (n = 0; s[n]; n++) {
        if (s[n] == '(') {
            depth++;
        } else if (s[n] == ')' && !--depth) {
            break;
        }
    }
    return n;
}

bool
ofputil_parse_key_value(char **stringp, char **keyp, char **valuep)
{
    char *s = *stringp + strspn(*stringp, kv_delimiters);
    char *key, *value, *next;
    size_t key_len, value_len;
    char c;

    if (!*s) {
        *stringp = s;
        *keyp = *valuep = NULL;
        return false;
    }

    key = s;
    key_len = strcspn(key, ":=(, \t\r\n");
    c = key[key_len];
    if (c == '(') {
        value = key + key_len + 1;
        value_len = kv_paren_len(value);
        next = value + value_len + (value[value_len] != '\0');
    } else if (c == ':' || c == '=') {
        value = key + key_len + 1;
        value_len = kv_value_len(value);
        next = value + value_len + (value[value_len] != '\0');
    } else {
        value = key + key_len;
        value_len = 0;
        next = key + key_len + (c != '\0');
    }

    key[key_len] = '\0';
    value[value_len] = '\0';
    *keyp = key;
    *valuep = value;
    *stringp = next;
    return true;
}

/* Parses 'str' as a C integer into '*value', requiring the whole string to
 * be used.  Returns true if successful. */
static bool
parse_c_llong(const char *str, long long int *value)
{
    return str_to_llong(str, 0, value);
}

char *
str_to_u8(const char *str, const char *name, uint8_t *valuep)
{
    long long int value;

    if (!parse_c_llong(str, &value) || value < 0 || value > 255) {
        return xasprintf("invalid %s \"%s\"", name, str);
    }
    *valuep = value;
    return NULL;
}

char *
str_to_u16(const char *str, const char *name, uint16_t *valuep)
{
    long long int value;

    if (!parse_c_llong(str, &value) || value < 0 || value > 65535) {
        return xasprintf("invalid %s \"%s\"", name, str);
    }
    *valuep = value;
    return NULL;
}

char *
str_to_u32(const char *str, uint32_t *valuep)
{
    unsigned long long int value;
    char *tail;
    int save_errno = errno;

    if (!str[0]) {
        return xstrdup("missing required numeric argument");
    }
    errno = 0;
    value = strtoull(str, &tail, 0);
    if (errno == EINVAL || errno == ERANGE || *tail || value > UINT32_MAX) {
        errno = save_errno;
        return xasprintf("invalid numeric format %s", str);
    }
    errno = save_errno;
    *valuep = value;
    return NULL;
}

char *
str_to_u64(const char *str, uint64_t *valuep)
{
    unsigned long long int value;
    char *tail;
    int save_errno = errno;

    if (!str[0]) {
        return xstrdup("missing required numeric argument");
    }
    errno = 0;
    value = strtoull(str, &tail, 0);
    if (errno == EINVAL || errno == ERANGE || *tail) {
        errno = save_errno;
        return xasprintf("invalid numeric format %s", str);
    }
    errno = save_errno;
    *valuep = value;
    return NULL;
}

char *
str_to_be64(const char *str, ovs_be64 *valuep)
{
    uint64_t value = 0;
    char *error = str_to_u64(str, &value);

    if (!error) {
        *valuep = htobe64(value);
    }
    return error;
}

char *
str_to_mac(const char *str, struct eth_addr *mac)
{
    if (!eth_addr_from_string(str, mac)) {
        return xasprintf("invalid mac address %s", str);
    }
    return NULL;
}

char *
str_to_ip(const char *str, ovs_be32 *ip)
{
    struct in_addr in_addr;

    /* lookup_ip() logs the bad address, as upstream does. */
    if (lookup_ip(str, &in_addr)) {
        return xasprintf("%s: could not convert to IP address", str);
    }
    *ip = in_addr.s_addr;
    return NULL;
}

/* The protocol shorthands of the flow syntax. */
static const struct ofp_protocol protocols[] = {
    { "ip", ETH_TYPE_IP, 0 },
    { "ipv4", ETH_TYPE_IP, 0 },
    { "ip4", ETH_TYPE_IP, 0 },
    { "arp", ETH_TYPE_ARP, 0 },
    { "rarp", ETH_TYPE_RARP, 0 },
    { "ipv6", ETH_TYPE_IPV6, 0 },
    { "ip6", ETH_TYPE_IPV6, 0 },
    { "icmp", ETH_TYPE_IP, IPPROTO_ICMP },
    { "icmp6", ETH_TYPE_IPV6, IPPROTO_ICMPV6 },
    { "tcp", ETH_TYPE_IP, IPPROTO_TCP },
    { "tcp6", ETH_TYPE_IPV6, IPPROTO_TCP },
    { "udp", ETH_TYPE_IP, IPPROTO_UDP },
    { "udp6", ETH_TYPE_IPV6, IPPROTO_UDP },
    { "sctp", ETH_TYPE_IP, IPPROTO_SCTP },
    { "sctp6", ETH_TYPE_IPV6, IPPROTO_SCTP },
    { "mpls", ETH_TYPE_MPLS, 0 },
    { "mplsm", ETH_TYPE_MPLS_MCAST, 0 },
};

bool
ofp_parse_protocol(const char *name, const struct ofp_protocol **p_out)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(protocols); i++) {
        if (!strcmp(protocols[i].name, name)) {
            *p_out = &protocols[i];
            return true;
        }
    }
    *p_out = NULL;
    return false;
}

char *
ofp_extract_actions(char *s)
{
    s = strstr(s, "action");
    if (s) {
        *s = '\0';
        s = strchr(s + 1, '=');
        return s ? s + 1 : NULL;
    }
    return NULL;
}

/* Parses 's', a hexadecimal ("0x...") or decimal number of up to
 * 8 * 'n' bits, into the right-justified big-endian 'n'-byte 'value'.
 * Returns NULL on success, otherwise a malloc()'d error: "S: BAD_SYNTAX"
 * for a malformed number, "S: value too large" when it does not fit. */
char *
ofp_parse_big_number(const char *s, uint8_t *value, size_t n,
                     const char *bad_syntax)
{
    memset(value, 0, n);
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        const char *p = s + 2;
        size_t len = strlen(p);

        if (!len) {
            return xasprintf("%s: %s", s, bad_syntax);
        }
        for (size_t i = 0; i < len; i++) {
            char c = p[len - 1 - i];
            int d;

            if (!isxdigit((unsigned char) c)) {
                return xasprintf("%s: %s", s, bad_syntax);
            }
            d = isdigit((unsigned char) c) ? c - '0'
                : tolower((unsigned char) c) - 'a' + 10;
            if (i / 2 >= n) {
                if (d) {
                    return xasprintf("%s: value too large", s);
                }
                continue;
            }
            value[n - 1 - i / 2] |= d << (4 * (i % 2));
        }
    } else {
        unsigned long long x;

        if (!str_to_ullong(s, 10, &x)) {
            return xasprintf("%s: %s", s, bad_syntax);
        }
        for (size_t i = 0; i < n && i < 8; i++) {
            value[n - 1 - i] = x >> (8 * i);
        }
    }
    return NULL;
}
