/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/ofp-protocol.h"
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "ofpbuf.h"
#include "openflow/openflow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_protocol);

/* The name of each single protocol. */
struct proto_name {
    enum ofputil_protocol protocol; /* One protocol bit. */
    const char *name;               /* Its name. */
};

static const struct proto_name proto_names[] = {
    { OFPUTIL_P_OF10_STD, "OpenFlow10-table_id" },
    { OFPUTIL_P_OF10_STD_TID, "OpenFlow10+table_id" },
    { OFPUTIL_P_OF10_NXM, "NXM-table_id" },
    { OFPUTIL_P_OF10_NXM_TID, "NXM+table_id" },
    { OFPUTIL_P_OF11_STD, "OpenFlow11" },
    { OFPUTIL_P_OF12_OXM, "OXM-OpenFlow12" },
    { OFPUTIL_P_OF13_OXM, "OXM-OpenFlow13" },
    { OFPUTIL_P_OF14_OXM, "OXM-OpenFlow14" },
    { OFPUTIL_P_OF15_OXM, "OXM-OpenFlow15" },
};

/* Names of groups of protocols, preferred when printing. */
static const struct proto_name proto_abbrevs[] = {
    { OFPUTIL_P_ANY, "any" },
    { OFPUTIL_P_OF10_STD_ANY, "OpenFlow10" },
    { OFPUTIL_P_OF10_NXM_ANY, "NXM" },
    { OFPUTIL_P_ANY_OXM, "OXM" },
};

enum ofputil_protocol ofputil_flow_dump_protocols[] = {
    OFPUTIL_P_OF15_OXM,
    OFPUTIL_P_OF14_OXM,
    OFPUTIL_P_OF13_OXM,
    OFPUTIL_P_OF12_OXM,
    OFPUTIL_P_OF11_STD,
    OFPUTIL_P_OF10_NXM,
    OFPUTIL_P_OF10_STD,
};
size_t ofputil_n_flow_dump_protocols = ARRAY_SIZE(ofputil_flow_dump_protocols);

enum ofputil_protocol
ofputil_protocol_from_ofp_version(enum ofp_version version)
{
    switch (version) {
    case OFP10_VERSION:
        return OFPUTIL_P_OF10_STD;
    case OFP11_VERSION:
        return OFPUTIL_P_OF11_STD;
    case OFP12_VERSION:
        return OFPUTIL_P_OF12_OXM;
    case OFP13_VERSION:
        return OFPUTIL_P_OF13_OXM;
    case OFP14_VERSION:
        return OFPUTIL_P_OF14_OXM;
    case OFP15_VERSION:
        return OFPUTIL_P_OF15_OXM;
    case OFP16_VERSION:
    default:
        return 0;
    }
}

enum ofputil_protocol
ofputil_protocols_from_ofp_version(enum ofp_version version)
{
    return (version == OFP10_VERSION
            ? OFPUTIL_P_OF10_ANY
            : ofputil_protocol_from_ofp_version(version));
}

enum ofp_version
ofputil_protocol_to_ofp_version(enum ofputil_protocol protocol)
{
    switch ((int) protocol) {
    case OFPUTIL_P_OF10_STD:
    case OFPUTIL_P_OF10_STD_TID:
    case OFPUTIL_P_OF10_NXM:
    case OFPUTIL_P_OF10_NXM_TID:
        return OFP10_VERSION;
    case OFPUTIL_P_OF11_STD:
        return OFP11_VERSION;
    case OFPUTIL_P_OF12_OXM:
        return OFP12_VERSION;
    case OFPUTIL_P_OF13_OXM:
        return OFP13_VERSION;
    case OFPUTIL_P_OF14_OXM:
        return OFP14_VERSION;
    case OFPUTIL_P_OF15_OXM:
        return OFP15_VERSION;
    }
    OVS_NOT_REACHED();
}

bool
ofputil_protocol_is_valid(enum ofputil_protocol protocol)
{
    return protocol & OFPUTIL_P_ANY && (protocol & (protocol - 1)) == 0;
}

enum ofputil_protocol
ofputil_protocol_set_tid(enum ofputil_protocol protocol, bool enable)
{
    switch ((int) protocol) {
    case OFPUTIL_P_OF10_STD:
    case OFPUTIL_P_OF10_STD_TID:
        return enable ? OFPUTIL_P_OF10_STD_TID : OFPUTIL_P_OF10_STD;
    case OFPUTIL_P_OF10_NXM:
    case OFPUTIL_P_OF10_NXM_TID:
        return enable ? OFPUTIL_P_OF10_NXM_TID : OFPUTIL_P_OF10_NXM;
    default:
        return protocol;
    }
}

enum ofputil_protocol
ofputil_protocol_to_base(enum ofputil_protocol protocol)
{
    return ofputil_protocol_set_tid(protocol, false);
}

enum ofputil_protocol
ofputil_protocol_set_base(enum ofputil_protocol cur,
                          enum ofputil_protocol new_base)
{
    bool tid = (cur & OFPUTIL_P_TID) != 0;

    return ofputil_protocol_set_tid(new_base, tid);
}

const char *
ofputil_protocol_to_string(enum ofputil_protocol protocol)
{
    for (size_t i = 0; i < ARRAY_SIZE(proto_names); i++) {
        if (proto_names[i].protocol == protocol) {
            return proto_names[i].name;
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(proto_abbrevs); i++) {
        if (proto_abbrevs[i].protocol == protocol) {
            return proto_abbrevs[i].name;
        }
    }
    return NULL;
}

char *
ofputil_protocols_to_string(enum ofputil_protocol protocols)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ovs_assert(!(protocols & ~OFPUTIL_P_ANY));
    if (!protocols) {
        return xstrdup("none");
    }
    while (protocols) {
        if (s.length) {
            ds_put_char(&s, ',');
        }

        const struct proto_name *match = NULL;
        for (size_t i = 0; i < ARRAY_SIZE(proto_abbrevs) && !match; i++) {
            if ((protocols & proto_abbrevs[i].protocol)
                == proto_abbrevs[i].protocol) {
                match = &proto_abbrevs[i];
            }
        }
        for (size_t i = 0; i < ARRAY_SIZE(proto_names) && !match; i++) {
            if (protocols & proto_names[i].protocol) {
                match = &proto_names[i];
            }
        }
        ds_put_cstr(&s, match->name);
        protocols &= ~match->protocol;
    }
    return ds_steal_cstr(&s);
}

/* Returns true if the 'len' bytes at 's' name 'name', ignoring case. */
static bool
proto_name_matches(const char *name, const char *s, size_t len)
{
    return strlen(name) == len && !strncasecmp(name, s, len);
}

/* Returns the protocol or group named by the 'len' bytes at 's', or 0. */
static enum ofputil_protocol
ofputil_protocol_from_string__(const char *s, size_t len)
{
    for (size_t i = 0; i < ARRAY_SIZE(proto_names); i++) {
        if (proto_name_matches(proto_names[i].name, s, len)) {
            return proto_names[i].protocol;
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(proto_abbrevs); i++) {
        if (proto_name_matches(proto_abbrevs[i].name, s, len)) {
            return proto_abbrevs[i].protocol;
        }
    }
    return 0;
}

enum ofputil_protocol
ofputil_protocols_from_string(const char *s)
{
    enum ofputil_protocol protocols = 0;
    const char *orig = s;

    while (*s) {
        size_t len;

        s += strspn(s, ",");
        if (!*s) {
            break;
        }
        len = strcspn(s, ",");
        enum ofputil_protocol p = ofputil_protocol_from_string__(s, len);
        if (!p) {
            ovs_fatal(0, "%.*s: unknown flow protocol", (int) len, s);
        }
        protocols |= p;
        s += len;
    }
    if (!protocols) {
        ovs_fatal(0, "%s: no flow protocol specified", orig);
    }
    return protocols;
}

void
ofputil_format_version(struct ds *msg, enum ofp_version version)
{
    ds_put_format(msg, "0x%02x", version);
}

void
ofputil_format_version_name(struct ds *msg, enum ofp_version version)
{
    ds_put_cstr(msg, ofputil_version_to_string(version));
}

/* Appends each version in 'bitmap' to 'msg' with 'format_version'. */
static void
ofputil_format_version_bitmap__(struct ds *msg, uint32_t bitmap,
                                void (*format_version)(struct ds *,
                                                       enum ofp_version))
{
    while (bitmap) {
        format_version(msg, __builtin_ctz(bitmap));
        bitmap &= bitmap - 1;
        if (bitmap) {
            ds_put_cstr(msg, ", ");
        }
    }
}

void
ofputil_format_version_bitmap(struct ds *msg, uint32_t bitmap)
{
    ofputil_format_version_bitmap__(msg, bitmap, ofputil_format_version);
}

void
ofputil_format_version_bitmap_names(struct ds *msg, uint32_t bitmap)
{
    ofputil_format_version_bitmap__(msg, bitmap,
                                    ofputil_format_version_name);
}

enum ofp_version
ofputil_version_from_string(const char *s)
{
    for (int v = OFP10_VERSION; v <= OFP15_VERSION; v++) {
        if (!strcasecmp(s, ofputil_version_to_string(v))) {
            return v;
        }
    }
    return 0;
}

const char *
ofputil_version_to_string(enum ofp_version version)
{
    switch (version) {
    case OFP10_VERSION:
        return "OpenFlow10";
    case OFP11_VERSION:
        return "OpenFlow11";
    case OFP12_VERSION:
        return "OpenFlow12";
    case OFP13_VERSION:
        return "OpenFlow13";
    case OFP14_VERSION:
        return "OpenFlow14";
    case OFP15_VERSION:
        return "OpenFlow15";
    case OFP16_VERSION:
    default:
        return "Unknown";
    }
}

uint32_t
ofputil_versions_from_string(const char *s)
{
    uint32_t bitmap = 0;

    while (*s) {
        size_t len;

        s += strspn(s, ", \t\r\n");
        if (!*s) {
            break;
        }
        len = strcspn(s, ", \t\r\n");

        char *name = xmemdup0(s, len);
        enum ofp_version version = ofputil_version_from_string(name);
        if (!version) {
            ovs_fatal(0, "Unknown OpenFlow version: \"%s\"", name);
        }
        free(name);
        bitmap |= 1u << version;
        s += len;
    }
    return bitmap;
}

uint32_t
ofputil_versions_from_strings(char **const s, size_t count)
{
    uint32_t bitmap = 0;

    for (size_t i = 0; i < count; i++) {
        enum ofp_version version = ofputil_version_from_string(s[i]);
        if (!version) {
            ovs_fatal(0, "Unknown OpenFlow version: \"%s\"", s[i]);
        }
        bitmap |= 1u << version;
    }
    return bitmap;
}

uint32_t
ofputil_protocols_to_version_bitmap(enum ofputil_protocol protocols)
{
    uint32_t bitmap = 0;

    for (; protocols; protocols &= protocols - 1) {
        enum ofputil_protocol protocol = protocols & -protocols;
        bitmap |= 1u << ofputil_protocol_to_ofp_version(protocol);
    }
    return bitmap;
}

enum ofputil_protocol
ofputil_protocols_from_version_bitmap(uint32_t bitmap)
{
    enum ofputil_protocol protocols = 0;

    for (; bitmap; bitmap &= bitmap - 1) {
        enum ofp_version version = __builtin_ctz(bitmap);
        protocols |= ofputil_protocols_from_ofp_version(version);
    }
    return protocols;
}

struct ofpbuf *
ofputil_encode_nx_set_flow_format(enum ofputil_protocol protocol)
{
    struct nx_set_flow_format *sff;
    struct ofpbuf *msg;

    msg = ofpraw_alloc(OFPRAW_NXT_SET_FLOW_FORMAT, OFP10_VERSION, 0);
    sff = ofpbuf_put_zeros(msg, sizeof *sff);
    sff->format = htonl(protocol == OFPUTIL_P_OF10_NXM
                        ? NXFF_NXM : NXFF_OPENFLOW10);
    ofpmsg_update_length(msg);
    return msg;
}

struct ofpbuf *
ofputil_encode_set_protocol(enum ofputil_protocol current,
                            enum ofputil_protocol want,
                            enum ofputil_protocol *next)
{
    enum ofputil_protocol cur_base, want_base;
    bool cur_tid, want_tid;

    if (ofputil_protocol_to_ofp_version(current)
        != ofputil_protocol_to_ofp_version(want)) {
        *next = current;
        return NULL;
    }

    cur_base = ofputil_protocol_to_base(current);
    want_base = ofputil_protocol_to_base(want);
    if (cur_base != want_base) {
        *next = ofputil_protocol_set_base(current, want_base);
        return ofputil_encode_nx_set_flow_format(want_base);
    }

    cur_tid = (current & OFPUTIL_P_TID) != 0;
    want_tid = (want & OFPUTIL_P_TID) != 0;
    if (cur_tid != want_tid) {
        struct nx_flow_mod_table_id *nfmti;
        struct ofpbuf *msg;

        *next = ofputil_protocol_set_tid(current, want_tid);
        msg = ofpraw_alloc(OFPRAW_NXT_FLOW_MOD_TABLE_ID, OFP10_VERSION, 0);
        nfmti = ofpbuf_put_zeros(msg, sizeof *nfmti);
        nfmti->set = want_tid;
        ofpmsg_update_length(msg);
        return msg;
    }

    ovs_assert(current == want);
    *next = current;
    return NULL;
}

enum ofputil_protocol
ofputil_nx_flow_format_to_protocol(enum nx_flow_format flow_format)
{
    switch (flow_format) {
    case NXFF_OPENFLOW10:
        return OFPUTIL_P_OF10_STD;
    case NXFF_NXM:
        return OFPUTIL_P_OF10_NXM;
    default:
        return 0;
    }
}

bool
ofputil_nx_flow_format_is_valid(enum nx_flow_format flow_format)
{
    return ofputil_nx_flow_format_to_protocol(flow_format) != 0;
}

const char *
ofputil_nx_flow_format_to_string(enum nx_flow_format flow_format)
{
    switch (flow_format) {
    case NXFF_OPENFLOW10:
        return "openflow10";
    case NXFF_NXM:
        return "nxm";
    default:
        OVS_NOT_REACHED();
    }
}

enum nx_flow_format
ofputil_decode_nx_set_flow_format(const struct ofp_header *oh)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
    const struct nx_set_flow_format *sff = ofpmsg_body(oh);
    enum nx_flow_format format = ntohl(sff->format);

    if (!ofputil_nx_flow_format_is_valid(format)) {
        VLOG_WARN_RL(&rl, "NXT_SET_FLOW_FORMAT message specified invalid "
                     "flow format %d", format);
    }
    return format;
}
