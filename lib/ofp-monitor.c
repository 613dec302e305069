/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/ofp-monitor.h"

#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "nx-match.h"
#include "ofpbuf.h"
#include "openflow/openflow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-flow.h"
#include "openvswitch/ofp-group.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-parse.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/ofp-table.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_monitor);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* Wire formats (Nicira extension). */

/* One request of an NXST_FLOW_MONITOR request; an nx_match of 'match_len'
 * bytes follows, padded to 8 bytes. */
struct nx_flow_monitor_request {
    ovs_be32 id;                /* Monitor id. */
    ovs_be16 flags;             /* NXFMF_*. */
    ovs_be16 out_port;          /* Required output port, or OFPP_NONE. */
    ovs_be16 match_len;         /* Length of the nx_match. */
    uint8_t table_id;           /* One table, or 0xff for all. */
    uint8_t zeros[5];           /* Must be zero. */
};
BUILD_ASSERT_DECL(sizeof(struct nx_flow_monitor_request) == 16);

/* Header of every flow update. */
struct nx_flow_update_header {
    ovs_be16 length;            /* Length of this entry. */
    ovs_be16 event;             /* NXFME_*. */
};
BUILD_ASSERT_DECL(sizeof(struct nx_flow_update_header) == 4);

/* NXFME_ADDED, NXFME_DELETED, NXFME_MODIFIED; an nx_match of 'match_len'
 * bytes follows, padded to 8 bytes, then the actions. */
struct nx_flow_update_full {
    ovs_be16 length;            /* Length of this entry. */
    ovs_be16 event;             /* NXFME_*. */
    ovs_be16 reason;            /* OFPRR_* for NXFME_DELETED, else 0. */
    ovs_be16 priority;          /* Flow priority. */
    ovs_be16 idle_timeout;      /* Idle timeout. */
    ovs_be16 hard_timeout;      /* Hard timeout. */
    ovs_be16 match_len;         /* Length of the nx_match. */
    uint8_t table_id;           /* Flow table. */
    uint8_t pad;                /* Zero. */
    ovs_be64 cookie;            /* Flow cookie. */
};
BUILD_ASSERT_DECL(sizeof(struct nx_flow_update_full) == 24);

/* NXFME_ABBREV. */
struct nx_flow_update_abbrev {
    ovs_be16 length;            /* 8. */
    ovs_be16 event;             /* NXFME_ABBREV. */
    ovs_be32 xid;               /* Xid of the message that did it. */
};
BUILD_ASSERT_DECL(sizeof(struct nx_flow_update_abbrev) == 8);

/* Wire formats (ONF extension for OpenFlow 1.3: ONFST_FLOW_MONITOR).  The
 * updates use struct nx_flow_update_full and struct nx_flow_update_abbrev
 * with the NXFME_* events, but with an ofp_match (OXM) instead of an
 * nx_match and with instructions instead of actions. */

/* One request of an ONFST_FLOW_MONITOR request; an ofp_match (OXM) whose
 * length (without padding) is 'match_len' follows. */
struct onf13_flow_monitor_request {
    ovs_be32 id;                /* Monitor id. */
    ovs_be16 flags;             /* NXFMF_*. */
    ovs_be16 match_len;         /* Length of the ofp_match. */
    ovs_be32 out_port;          /* Required output port, or OFPP_ANY. */
    uint8_t table_id;           /* One table, or 0xff for all. */
    uint8_t zeros[3];           /* Must be zero. */
};
BUILD_ASSERT_DECL(sizeof(struct onf13_flow_monitor_request) == 16);

/* Wire formats (OpenFlow 1.4+). */

/* One request of an OFPST_FLOW_MONITOR request; an ofp_match (OXM)
 * follows. */
struct ofp14_flow_monitor_request {
    ovs_be32 monitor_id;        /* Monitor id. */
    ovs_be32 out_port;          /* Required output port, or OFPP_ANY. */
    ovs_be32 out_group;         /* Required output group, or OFPG_ANY. */
    ovs_be16 flags;             /* OFPFMF14_*. */
    uint8_t table_id;           /* One table, or 0xff for all. */
    uint8_t command;            /* OFPFMC14_*. */
};
BUILD_ASSERT_DECL(sizeof(struct ofp14_flow_monitor_request) == 16);

/* OFPFMF14_* flags: the NXFMF_* ones, except that "own" is bit 6
 * (OFPFMF14_ONLY_OWN) and bit 5 (OFPFMF14_NO_ABBREV) is not accepted, as
 * with upstream. */
#define OFPFMF14_OWN (1 << 6)
#define OFPFMF14_VALID (NXFMF_INITIAL | NXFMF_ADD | NXFMF_DELETE \
                        | NXFMF_MODIFY | NXFMF_ACTIONS | OFPFMF14_OWN)

/* OpenFlow 1.4 flow update events (OFPFME14_*). */
enum {
    OFPFME14_INITIAL = 0,
    OFPFME14_ADDED = 1,
    OFPFME14_REMOVED = 2,
    OFPFME14_MODIFIED = 3,
    OFPFME14_ABBREV = 4,
    OFPFME14_PAUSED = 5,
    OFPFME14_RESUMED = 6,
};

/* OFPFME14_INITIAL, ADDED, REMOVED, MODIFIED; an ofp_match (OXM) follows,
 * then the instructions. */
struct ofp14_flow_update_full {
    ovs_be16 length;            /* Length of this entry. */
    ovs_be16 event;             /* OFPFME14_*. */
    uint8_t table_id;           /* Flow table. */
    uint8_t reason;             /* OFPRR_* for OFPFME14_REMOVED. */
    ovs_be16 idle_timeout;      /* Idle timeout. */
    ovs_be16 hard_timeout;      /* Hard timeout. */
    ovs_be16 priority;          /* Flow priority. */
    uint8_t zeros[4];           /* Zero. */
    ovs_be64 cookie;            /* Flow cookie. */
};
BUILD_ASSERT_DECL(sizeof(struct ofp14_flow_update_full) == 24);

/* The flag names, in bit order. */
static const char *const flag_names[] = {
    "initial", "add", "delete", "modify", "actions", "own",
};

/* Pulls the OpenFlow header of 'msg' if it still has it, and checks that
 * it is a 'want' (Nicira), 'want13' (ONF) or 'want14' (OpenFlow 1.4+)
 * message.  Stores the one it is in '*rawp'.  Returns 0 or an OFPERR_*. */
static enum ofperr
pull_monitor_header(struct ofpbuf *msg, enum ofpraw want,
                    enum ofpraw want13, enum ofpraw want14,
                    enum ofpraw *rawp)
{
    enum ofpraw raw;
    enum ofperr error;

    if (!msg->header) {
        error = ofpraw_pull(&raw, msg);
    } else {
        error = ofpraw_decode(&raw, msg->header);
    }
    if (error) {
        return error;
    }
    if (raw != want && raw != want13 && raw != want14) {
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    *rawp = raw;
    return 0;
}

/* Returns 0 if 'flags' are valid NXFMF_* flags of a request that adds a
 * monitor and the 'n_zeros' bytes at 'zeros' are all zero, otherwise logs
 * (naming the message 'name') and returns an error.  The Nicira and the
 * ONF request share this layout of flags and padding. */
static enum ofperr
check_nx_request(uint16_t flags, const uint8_t *zeros, size_t n_zeros,
                 const char *name)
{
    if (!(flags & (NXFMF_ADD | NXFMF_DELETE | NXFMF_MODIFY))
        || flags & ~((1u << ARRAY_SIZE(flag_names)) - 1)) {
        VLOG_WARN_RL(&rl, "%s has bad flags %#"PRIx16, name, flags);
        return OFPERR_OFPMOFC_BAD_FLAGS;
    }
    for (size_t i = 0; i < n_zeros; i++) {
        if (zeros[i]) {
            return OFPERR_NXBRC_MUST_BE_ZERO;
        }
    }
    return 0;
}

/* Stores the OpenFlow 1.1+ 'out_port' into 'rq' (OFPP_ANY meaning no
 * filter) and pulls the OXM match that follows in 'msg' into 'rq'.  The
 * ONF and the OpenFlow 1.4 requests end alike. */
static int
pull_oxm_request_tail(struct ofputil_flow_monitor_request *rq,
                      ovs_be32 out_port, struct ofpbuf *msg)
{
    enum ofperr error;

    error = ofputil_port_from_ofp11(out_port, &rq->out_port);
    if (error) {
        return error;
    }
    if (rq->out_port == OFPP_ANY) {
        rq->out_port = OFPP_NONE;
    }
    return oxm_pull_match(msg, false, NULL, NULL, &rq->match);
}

/* Decodes the next ONF (OpenFlow 1.3) request of 'msg' into 'rq'. */
static int
decode_flow_monitor_request13(struct ofputil_flow_monitor_request *rq,
                              struct ofpbuf *msg)
{
    struct onf13_flow_monitor_request ofmr;
    const void *p;
    uint16_t flags;
    enum ofperr error;

    p = ofpbuf_try_pull(msg, sizeof ofmr);
    if (!p) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    memcpy(&ofmr, p, sizeof ofmr);
    flags = ntohs(ofmr.flags);
    error = check_nx_request(flags, ofmr.zeros, sizeof ofmr.zeros,
                             "ONFST_FLOW_MONITOR");
    if (error) {
        return error;
    }

    rq->id = ntohl(ofmr.id);
    rq->flags = flags;
    rq->out_group = OFPG11_ANY;
    rq->table_id = ofmr.table_id;
    return pull_oxm_request_tail(rq, ofmr.out_port, msg);
}

/* Decodes the next OpenFlow 1.4 request of 'msg' into 'rq'. */
static int
decode_flow_monitor_request14(struct ofputil_flow_monitor_request *rq,
                              struct ofpbuf *msg)
{
    struct ofp14_flow_monitor_request ofmr;
    const void *p;
    uint16_t flags;

    p = ofpbuf_try_pull(msg, sizeof ofmr);
    if (!p) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    memcpy(&ofmr, p, sizeof ofmr);
    flags = ntohs(ofmr.flags);
    rq->id = ntohl(ofmr.monitor_id);
    rq->command = ofmr.command;
    rq->table_id = ofmr.table_id;
    rq->out_group = ntohl(ofmr.out_group);
    if (rq->command != OFPFMC14_DELETE
        && (!(flags & (NXFMF_ADD | NXFMF_DELETE | NXFMF_MODIFY))
            || flags & ~OFPFMF14_VALID)) {
        VLOG_WARN_RL(&rl, "OFPST_FLOW_MONITOR has bad flags %#"PRIx16,
                     flags);
        return OFPERR_OFPMOFC_BAD_FLAGS;
    }
    rq->flags = ((flags & (OFPFMF14_VALID & ~OFPFMF14_OWN))
                 | (flags & OFPFMF14_OWN ? NXFMF_OWN : 0));
    return pull_oxm_request_tail(rq, ofmr.out_port, msg);
}

/* Requests. */

int
ofputil_decode_flow_monitor_request(struct ofputil_flow_monitor_request *rq,
                                    struct ofpbuf *msg)
{
    struct nx_flow_monitor_request nfmr;
    const void *p;
    uint16_t flags;
    enum ofperr error;
    enum ofpraw raw;

    error = pull_monitor_header(msg, OFPRAW_NXST_FLOW_MONITOR_REQUEST,
                                OFPRAW_ONFST13_FLOW_MONITOR_REQUEST,
                                OFPRAW_OFPST14_FLOW_MONITOR_REQUEST, &raw);
    if (error) {
        return error;
    }
    if (!msg->size) {
        return EOF;
    }
    memset(rq, 0, sizeof *rq);
    if (raw == OFPRAW_OFPST14_FLOW_MONITOR_REQUEST) {
        return decode_flow_monitor_request14(rq, msg);
    } else if (raw == OFPRAW_ONFST13_FLOW_MONITOR_REQUEST) {
        return decode_flow_monitor_request13(rq, msg);
    }

    p = ofpbuf_try_pull(msg, sizeof nfmr);
    if (!p) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    memcpy(&nfmr, p, sizeof nfmr);
    flags = ntohs(nfmr.flags);
    error = check_nx_request(flags, nfmr.zeros, sizeof nfmr.zeros,
                             "NXST_FLOW_MONITOR");
    if (error) {
        return error;
    }

    rq->id = ntohl(nfmr.id);
    rq->flags = flags;
    rq->out_port = u16_to_ofp(ntohs(nfmr.out_port));
    rq->out_group = OFPG11_ANY;
    rq->table_id = nfmr.table_id;
    return nx_pull_match(msg, ntohs(nfmr.match_len), &rq->match, NULL, NULL,
                         false, NULL, NULL);
}

struct ofpbuf *
ofputil_encode_flow_monitor_request(
    const struct ofputil_flow_monitor_request *rq,
    enum ofputil_protocol protocol)
{
    enum ofp_version version = ofputil_protocol_to_ofp_version(protocol);
    struct nx_flow_monitor_request *nfmr;
    struct ofpbuf *msg;
    size_t start_ofs;
    int match_len;

    if (version >= OFP14_VERSION) {
        struct ofp14_flow_monitor_request *ofmr;
        uint16_t flags = rq->flags & ~NXFMF_OWN;

        if (rq->flags & NXFMF_OWN) {
            flags |= OFPFMF14_OWN;
        }
        msg = ofpraw_alloc(OFPRAW_OFPST14_FLOW_MONITOR_REQUEST, version, 0);
        ofmr = ofpbuf_put_zeros(msg, sizeof *ofmr);
        ofmr->monitor_id = htonl(rq->id);
        ofmr->out_port = ofputil_port_to_ofp11(rq->out_port == OFPP_NONE
                                               ? OFPP_ANY : rq->out_port);
        ofmr->out_group = htonl(rq->out_group);
        ofmr->flags = htons(flags);
        ofmr->table_id = rq->table_id;
        ofmr->command = rq->command;
        oxm_put_match(msg, &rq->match, version);
        ofpmsg_update_length(msg);
        return msg;
    } else if (version == OFP13_VERSION) {
        struct onf13_flow_monitor_request *ofmr;

        msg = ofpraw_alloc(OFPRAW_ONFST13_FLOW_MONITOR_REQUEST, version, 0);
        start_ofs = msg->size;
        ofpbuf_put_zeros(msg, sizeof *ofmr);
        match_len = oxm_put_match(msg, &rq->match, version);

        ofmr = ofpbuf_at_assert(msg, start_ofs, sizeof *ofmr);
        ofmr->id = htonl(rq->id);
        ofmr->flags = htons(rq->flags);
        ofmr->match_len = htons(match_len);
        ofmr->out_port = ofputil_port_to_ofp11(rq->out_port == OFPP_NONE
                                               ? OFPP_ANY : rq->out_port);
        ofmr->table_id = rq->table_id;
        ofpmsg_update_length(msg);
        return msg;
    }

    msg = ofpraw_alloc(OFPRAW_NXST_FLOW_MONITOR_REQUEST, version, 0);
    start_ofs = msg->size;
    ofpbuf_put_zeros(msg, sizeof *nfmr);
    match_len = nx_put_match(msg, &rq->match, htobe64(0), htobe64(0));

    nfmr = ofpbuf_at_assert(msg, start_ofs, sizeof *nfmr);
    nfmr->id = htonl(rq->id);
    nfmr->flags = htons(rq->flags);
    nfmr->out_port = htons(ofp_to_u16(rq->out_port));
    nfmr->match_len = htons(match_len);
    nfmr->table_id = rq->table_id;
    ofpmsg_update_length(msg);
    return msg;
}

void
ofputil_flow_monitor_request_format(
    struct ds *s, const struct ofputil_flow_monitor_request *rq,
    const struct ofputil_port_map *port_map,
    const struct ofputil_table_map *table_map)
{
    if (rq->command == OFPFMC14_DELETE) {
        ds_put_format(s, "\n id=%"PRIu32" command=delete", rq->id);
        return;
    }
    ds_put_format(s, "\n id=%"PRIu32" flags=", rq->id);
    for (size_t i = 0; i < ARRAY_SIZE(flag_names); i++) {
        if (rq->flags & (1u << i)) {
            ds_put_format(s, "%s,", flag_names[i]);
        }
    }
    ds_chomp(s, ',');

    if (rq->out_port != OFPP_NONE) {
        ds_put_cstr(s, " out_port=");
        ofputil_format_port(rq->out_port, port_map, s);
    }
    if (rq->out_group != OFPG11_ANY) {
        ds_put_format(s, " out_group=%"PRId32, (int32_t) rq->out_group);
    }
    if (rq->table_id != 0xff) {
        ds_put_cstr(s, " table=");
        ofputil_format_table(rq->table_id, table_map, s);
    }

    ds_put_char(s, ' ');
    match_format(&rq->match, port_map, s, OFP_DEFAULT_PRIORITY);
    ds_chomp(s, ' ');
}

char *
parse_flow_monitor_request(struct ofputil_flow_monitor_request *rq,
                           const char *str,
                           const struct ofputil_port_map *port_map,
                           const struct ofputil_table_map *table_map,
                           enum ofputil_protocol *usable)
{
    char *copy = xstrdup(str);
    struct ds match_s = DS_EMPTY_INITIALIZER;
    char *string = copy;
    char *key, *value;
    char *error = NULL;

    memset(rq, 0, sizeof *rq);
    rq->flags = (NXFMF_INITIAL | NXFMF_ADD | NXFMF_DELETE | NXFMF_MODIFY
                 | NXFMF_ACTIONS | NXFMF_OWN);
    rq->out_port = OFPP_NONE;
    rq->out_group = OFPG11_ANY;
    rq->table_id = 0xff;
    *usable = (OFPUTIL_P_OF10_ANY | OFPUTIL_P_OF11_STD | OFPUTIL_P_OF12_OXM
               | OFPUTIL_P_OF13_OXM | OFPUTIL_P_OF14_UP);

    while (ofputil_parse_key_value(&string, &key, &value)) {
        bool negated = key[0] == '!';
        const char *name = key + negated;
        size_t i;

        for (i = 0; i < ARRAY_SIZE(flag_names); i++) {
            if (!strcmp(name, flag_names[i])) {
                break;
            }
        }
        if (i < ARRAY_SIZE(flag_names) && negated && !value[0]) {
            rq->flags &= ~(1u << i);
        } else if (negated) {
            error = xasprintf("%s: field %s missing value", str, key);
            break;
        } else if (!strcmp(key, "table")) {
            if (!ofputil_table_from_string(value, table_map,
                                           &rq->table_id)
                || rq->table_id == 0xff) {
                error = xasprintf("unknown table \"%s\"", value);
                break;
            }
        } else if (!strcmp(key, "out_port")) {
            /* As upstream's, a port that does not parse is port 0. */
            if (!ofputil_port_from_string(value, port_map, &rq->out_port)) {
                rq->out_port = u16_to_ofp(0);
            }
        } else if (!strcmp(key, "out_group")) {
            /* As upstream's: a decimal number, otherwise ignored; only
             * OpenFlow 1.4+ requests carry it. */
            char *end;
            unsigned long long int group;

            errno = 0;
            group = strtoull(value, &end, 10);
            if (value[0] >= '0' && value[0] <= '9' && !*end && !errno
                && group <= UINT32_MAX) {
                rq->out_group = group;
            }
        } else {
            ds_put_format(&match_s, "%s%s%s%s,", key, value[0] ? "=" : "",
                          value, "");
        }
    }

    if (!error) {
        ds_chomp(&match_s, ',');
        error = match_parse(ds_cstr(&match_s), port_map, &rq->match, NULL);
        if (error) {
            char *e = xasprintf("%s: %s", str, error);
            free(error);
            error = e;
        }
    }
    ds_destroy(&match_s);
    free(copy);
    return error;
}

/* Updates. */

/* Decodes the OpenFlow 1.4 update of 'length' bytes with event 'event' at
 * the front of 'msg'. */
static int
decode_flow_update14(struct ofputil_flow_update *update, struct ofpbuf *msg,
                     struct ofpbuf *ofpacts, unsigned int length,
                     uint16_t event, enum ofp_version version)
{
    struct ofp14_flow_update_full ofuf;
    size_t start = msg->size;
    enum ofperr error;

    switch (event) {
    case OFPFME14_ABBREV: {
        struct nx_flow_update_abbrev nfua;

        if (length != sizeof nfua) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        memcpy(&nfua, ofpbuf_pull(msg, sizeof nfua), sizeof nfua);
        update->event = NXFME_ABBREV;
        update->xid = nfua.xid;
        return 0;
    }
    case OFPFME14_INITIAL:
        update->event = NXFME_INITIAL;
        break;
    case OFPFME14_ADDED:
        update->event = NXFME_ADDED;
        break;
    case OFPFME14_REMOVED:
        update->event = NXFME_DELETED;
        break;
    case OFPFME14_MODIFIED:
        update->event = NXFME_MODIFIED;
        break;
    default:
        return OFPERR_NXBRC_FM_BAD_EVENT;
    }

    if (length < sizeof ofuf) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    memcpy(&ofuf, ofpbuf_pull(msg, sizeof ofuf), sizeof ofuf);
    update->reason = ofuf.reason;
    update->idle_timeout = ntohs(ofuf.idle_timeout);
    update->hard_timeout = ntohs(ofuf.hard_timeout);
    update->table_id = ofuf.table_id;
    update->cookie = ofuf.cookie;
    update->priority = ntohs(ofuf.priority);
    error = oxm_pull_match(msg, false, NULL, NULL, &update->match);
    if (error) {
        return error;
    }
    if (start - msg->size > length) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    error = ofpacts_pull_openflow_instructions(msg,
                                               length - (start - msg->size),
                                               version, NULL, NULL,
                                               ofpacts);
    if (error) {
        return error;
    }
    update->ofpacts = ofpacts->data;
    update->ofpacts_len = ofpacts->size;
    return 0;
}

/* Decodes the next update of 'msg', a flow monitor reply of raw type 'raw'
 * whose header is pulled, into 'update'. */
static enum ofperr
decode_flow_update(struct ofputil_flow_update *update, struct ofpbuf *msg,
                   struct ofpbuf *ofpacts, enum ofpraw raw)
{
    struct nx_flow_update_header nfuh;
    unsigned int length;
    const struct ofp_header *oh = msg->header;
    enum ofperr error;
    bool is13;

    if (msg->size < sizeof nfuh) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    memcpy(&nfuh, msg->data, sizeof nfuh);
    length = ntohs(nfuh.length);
    if (length > msg->size || length % 8) {
        return OFPERR_OFPBRC_BAD_LEN;
    }

    memset(update, 0, sizeof *update);
    if (raw == OFPRAW_OFPST14_FLOW_MONITOR_REPLY) {
        return decode_flow_update14(update, msg, ofpacts, length,
                                    ntohs(nfuh.event), oh->version);
    }
    is13 = raw == OFPRAW_ONFST13_FLOW_MONITOR_REPLY;
    update->event = ntohs(nfuh.event);
    if (update->event == NXFME_ABBREV) {
        struct nx_flow_update_abbrev nfua;

        if (length != sizeof nfua) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        memcpy(&nfua, ofpbuf_pull(msg, sizeof nfua), sizeof nfua);
        update->xid = nfua.xid;
        return 0;
    } else if (update->event == NXFME_ADDED
               || update->event == NXFME_DELETED
               || update->event == NXFME_MODIFIED) {
        struct nx_flow_update_full nfuf;
        unsigned int actions_len;
        size_t start = msg->size;

        if (length < sizeof nfuf) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        memcpy(&nfuf, ofpbuf_pull(msg, sizeof nfuf), sizeof nfuf);
        update->reason = ntohs(nfuf.reason);
        update->idle_timeout = ntohs(nfuf.idle_timeout);
        update->hard_timeout = ntohs(nfuf.hard_timeout);
        update->table_id = nfuf.table_id;
        update->cookie = nfuf.cookie;
        update->priority = ntohs(nfuf.priority);

        error = (is13
                 ? oxm_pull_match(msg, false, NULL, NULL, &update->match)
                 : nx_pull_match(msg, ntohs(nfuf.match_len), &update->match,
                                 NULL, NULL, false, NULL, NULL));
        if (error) {
            return error;
        }
        if (start - msg->size > length) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        actions_len = length - (start - msg->size);
        error = (is13
                 ? ofpacts_pull_openflow_instructions(msg, actions_len,
                                                      oh->version, NULL,
                                                      NULL, ofpacts)
                 : ofpacts_pull_openflow_actions(msg, actions_len,
                                                 oh->version, NULL, NULL,
                                                 ofpacts));
        if (error) {
            return error;
        }
        update->ofpacts = ofpacts->data;
        update->ofpacts_len = ofpacts->size;
        return 0;
    } else {
        return OFPERR_NXBRC_FM_BAD_EVENT;
    }
}

int
ofputil_decode_flow_update(struct ofputil_flow_update *update,
                           struct ofpbuf *msg, struct ofpbuf *ofpacts)
{
    enum ofperr error;
    enum ofpraw raw;
    const void *start;
    size_t size;

    error = pull_monitor_header(msg, OFPRAW_NXST_FLOW_MONITOR_REPLY,
                                OFPRAW_ONFST13_FLOW_MONITOR_REPLY,
                                OFPRAW_OFPST14_FLOW_MONITOR_REPLY, &raw);
    if (error) {
        return error;
    }
    ofpbuf_clear(ofpacts);
    if (!msg->size) {
        return EOF;
    }

    /* Upstream's warnings, word for word (it names every version's bad
     * event "NXST"). */
    start = msg->data;
    size = msg->size;
    error = decode_flow_update(update, msg, ofpacts, raw);
    if (error == OFPERR_OFPBRC_BAD_LEN) {
        VLOG_WARN_RL(&rl, "%s has %zu leftover bytes at end",
                     ofpraw_get_name(raw), size);
    } else if (error == OFPERR_NXBRC_FM_BAD_EVENT) {
        struct nx_flow_update_header nfuh;

        memcpy(&nfuh, start, sizeof nfuh);
        VLOG_WARN_RL(&rl, "NXST_FLOW_MONITOR reply has bad event %"PRIu16,
                     ntohs(nfuh.event));
    }
    return error;
}

void
ofputil_flow_update_format(struct ds *s,
                           const struct ofputil_flow_update *update,
                           const struct ofputil_port_map *port_map,
                           const struct ofputil_table_map *table_map)
{
    char reasonbuf[64];

    ds_put_cstr(s, "\n event=");
    switch (update->event) {
    case NXFME_ADDED:
        ds_put_cstr(s, "ADDED");
        break;

    case NXFME_INITIAL:
        ds_put_cstr(s, "INITIAL");
        break;

    case NXFME_DELETED:
        ds_put_format(s, "DELETED reason=%s",
                      ofp_flow_removed_reason_to_string(update->reason,
                                                        reasonbuf,
                                                        sizeof reasonbuf));
        break;

    case NXFME_MODIFIED:
        ds_put_cstr(s, "MODIFIED");
        break;

    case NXFME_ABBREV:
        ds_put_format(s, "ABBREV xid=0x%"PRIx32, ntohl(update->xid));
        return;

    case NXFME_PAUSED:
        ds_put_cstr(s, "PAUSED");
        return;

    case NXFME_RESUMED:
        ds_put_cstr(s, "RESUMED");
        return;
    }

    ds_put_cstr(s, " table=");
    ofputil_format_table(update->table_id, table_map, s);
    if (update->idle_timeout != OFP_FLOW_PERMANENT) {
        ds_put_format(s, " idle_timeout=%"PRIu16, update->idle_timeout);
    }
    if (update->hard_timeout != OFP_FLOW_PERMANENT) {
        ds_put_format(s, " hard_timeout=%"PRIu16, update->hard_timeout);
    }
    ds_put_format(s, " cookie=%#"PRIx64" ", be64toh(update->cookie));

    match_format(&update->match, port_map, s, OFP_DEFAULT_PRIORITY);

    if (update->ofpacts_len) {
        struct ofpact_format_params fp = {
            .port_map = port_map,
            .table_map = table_map,
            .s = s,
        };

        if (s->string[s->length - 1] != ' ') {
            ds_put_char(s, ' ');
        }
        ds_put_cstr(s, "actions=");
        ofpacts_format(update->ofpacts, update->ofpacts_len, &fp);
    }
}

enum ofperr
ofputil_flow_monitor_request_msg_format(
    struct ds *s, const struct ofp_header *oh,
    const struct ofputil_port_map *port_map,
    const struct ofputil_table_map *table_map)
{
    struct ofpbuf b;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (;;) {
        struct ofputil_flow_monitor_request rq;
        int retval = ofputil_decode_flow_monitor_request(&rq, &b);

        if (retval) {
            return retval != EOF ? retval : 0;
        }
        ofputil_flow_monitor_request_format(s, &rq, port_map, table_map);
    }
}

enum ofperr
ofputil_flow_monitor_reply_msg_format(
    struct ds *s, const struct ofp_header *oh,
    const struct ofputil_port_map *port_map,
    const struct ofputil_table_map *table_map)
{
    struct ofpbuf b;
    uint64_t stub[1024 / 8];
    struct ofpbuf ofpacts = OFPBUF_STUB_INITIALIZER(stub);
    enum ofperr error = 0;
    bool any = false;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (;;) {
        struct ofputil_flow_update update;
        int retval = ofputil_decode_flow_update(&update, &b, &ofpacts);

        if (retval) {
            error = retval != EOF ? retval : 0;
            break;
        }
        ofputil_flow_update_format(s, &update, port_map, table_map);
        any = true;
    }
    /* Upstream leaves no space at the end of the last update, and puts a
     * decode error after updates on a line of its own. */
    ds_chomp(s, ' ');
    if (error && any) {
        ds_put_char(s, '\n');
    }
    ofpbuf_uninit(&ofpacts);
    return error;
}

/* Encoding updates (the switch's side). */

void
ofputil_start_flow_update(struct ovs_list *replies,
                          enum ofputil_protocol protocol)
{
    enum ofp_version version = ofputil_protocol_to_ofp_version(protocol);
    struct ofpbuf *request;

    /* A request with xid 0 stands for the one that the updates answer. */
    request = ofpraw_alloc_xid(version >= OFP14_VERSION
                               ? OFPRAW_OFPST14_FLOW_MONITOR_REQUEST
                               : version == OFP13_VERSION
                               ? OFPRAW_ONFST13_FLOW_MONITOR_REQUEST
                               : OFPRAW_NXST_FLOW_MONITOR_REQUEST, version,
                               htonl(0), 0);
    ofpmp_init(replies, request->data);
    ofpbuf_delete(request);
}

void
ofputil_start_flow_update_reply(struct ovs_list *replies,
                                const struct ofp_header *request)
{
    ofpmp_init(replies, request);
}

void
ofputil_append_flow_update(const struct ofputil_flow_update *update,
                           struct ovs_list *replies)
{
    enum ofp_version version = ofpmp_version(replies);
    struct ofpbuf *msg = ofpmp_reserve(replies, 0);
    size_t start_ofs = msg->size;

    uint16_t event = update->event;

    if (update->event == NXFME_ABBREV) {
        struct nx_flow_update_abbrev *nfua;

        nfua = ofpbuf_put_zeros(msg, sizeof *nfua);
        nfua->xid = update->xid;
        if (version >= OFP14_VERSION) {
            event = OFPFME14_ABBREV;
        }
    } else if (version >= OFP14_VERSION) {
        struct ofp14_flow_update_full *ofuf;

        ofpbuf_put_zeros(msg, sizeof *ofuf);
        oxm_put_match(msg, &update->match, version);
        ofpacts_put_openflow_instructions(update->ofpacts,
                                          update->ofpacts_len, msg, version);
        ofuf = ofpbuf_at_assert(msg, start_ofs, sizeof *ofuf);
        ofuf->table_id = update->table_id;
        ofuf->reason = update->reason;
        ofuf->idle_timeout = htons(update->idle_timeout);
        ofuf->hard_timeout = htons(update->hard_timeout);
        ofuf->priority = htons(update->priority);
        ofuf->cookie = update->cookie;
        event = (update->event == NXFME_INITIAL ? OFPFME14_INITIAL
                 : update->event == NXFME_ADDED ? OFPFME14_ADDED
                 : update->event == NXFME_DELETED ? OFPFME14_REMOVED
                 : OFPFME14_MODIFIED);
    } else {
        struct nx_flow_update_full *nfuf;
        int match_len;

        if (event == NXFME_INITIAL) {
            event = NXFME_ADDED;
        }

        ofpbuf_put_zeros(msg, sizeof *nfuf);
        if (version == OFP13_VERSION) {
            match_len = oxm_put_match(msg, &update->match, version);
            ofpacts_put_openflow_instructions(update->ofpacts,
                                              update->ofpacts_len, msg,
                                              version);
        } else {
            match_len = nx_put_match(msg, &update->match, htobe64(0),
                                     htobe64(0));
            ofpacts_put_openflow_actions(update->ofpacts,
                                         update->ofpacts_len, msg, version);
        }
        nfuf = ofpbuf_at_assert(msg, start_ofs, sizeof *nfuf);
        nfuf->reason = htons(update->reason);
        nfuf->priority = htons(update->priority);
        nfuf->idle_timeout = htons(update->idle_timeout);
        nfuf->hard_timeout = htons(update->hard_timeout);
        nfuf->match_len = htons(match_len);
        nfuf->table_id = update->table_id;
        nfuf->cookie = update->cookie;
    }

    {
        struct nx_flow_update_header *nfuh;

        nfuh = ofpbuf_at_assert(msg, start_ofs, sizeof *nfuh);
        nfuh->length = htons(msg->size - start_ofs);
        nfuh->event = htons(event);
    }
    ofpmp_postappend(replies, start_ofs);
}

/* Cancel. */

enum ofperr
ofputil_decode_flow_monitor_cancel(const struct ofp_header *oh, uint32_t *id)
{
    struct ofpbuf b;
    enum ofpraw raw;
    enum ofperr error;
    const struct nx_flow_monitor_cancel *nfmc;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    error = ofpraw_pull(&raw, &b);
    if (error) {
        return error;
    }
    if (raw != OFPRAW_NXT_FLOW_MONITOR_CANCEL
        && raw != OFPRAW_ONFT13_FLOW_MONITOR_CANCEL) {
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    nfmc = ofpbuf_try_pull(&b, sizeof *nfmc);
    if (!nfmc) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    *id = ntohl(nfmc->id);
    return 0;
}

struct ofpbuf *
ofputil_encode_flow_monitor_cancel(uint32_t id,
                                   enum ofputil_protocol protocol)
{
    enum ofp_version version = ofputil_protocol_to_ofp_version(protocol);
    struct nx_flow_monitor_cancel *nfmc;
    struct ofpbuf *msg;

    msg = ofpraw_alloc(version == OFP13_VERSION
                       ? OFPRAW_ONFT13_FLOW_MONITOR_CANCEL
                       : OFPRAW_NXT_FLOW_MONITOR_CANCEL, version, 0);
    nfmc = ofpbuf_put_zeros(msg, sizeof *nfmc);
    nfmc->id = htonl(id);
    return msg;
}

struct ofpbuf *
ofputil_encode_flow_monitor_pause(enum nx_flow_update_event event,
                                  enum ofputil_protocol protocol)
{
    enum ofp_version version = ofputil_protocol_to_ofp_version(protocol);
    struct ofpbuf *msg;

    if (version >= OFP14_VERSION) {
        struct nx_flow_update_header *nfuh;
        struct ofpbuf *request;

        request = ofpraw_alloc_xid(OFPRAW_OFPST14_FLOW_MONITOR_REQUEST,
                                   version, htonl(0), 0);
        msg = ofpraw_alloc_stats_reply(request->data, 8);
        ofpbuf_delete(request);
        nfuh = ofpbuf_put_zeros(msg, 8);
        nfuh->length = htons(8);
        nfuh->event = htons(event == NXFME_PAUSED
                            ? OFPFME14_PAUSED : OFPFME14_RESUMED);
    } else if (version == OFP13_VERSION) {
        msg = ofpraw_alloc_xid(event == NXFME_PAUSED
                               ? OFPRAW_ONFT13_FLOW_MONITOR_PAUSED
                               : OFPRAW_ONFT13_FLOW_MONITOR_RESUMED,
                               version, htonl(0), 0);
    } else {
        msg = ofpraw_alloc_xid(event == NXFME_PAUSED
                               ? OFPRAW_NXT_FLOW_MONITOR_PAUSED
                               : OFPRAW_NXT_FLOW_MONITOR_RESUMED,
                               version, htonl(0), 0);
    }
    return msg;
}
