/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Generic datapath interface: the registry of dpif providers, and thin
 * wrappers that dispatch to them and log failures at a rate limit. */

#include <config.h>
#include "dpif.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include "coverage.h"
#include "dp-packet.h"
#include "dpif-provider.h"
#include "flow.h"
#include "hash.h"
#include "netdev.h"
#include "odp-execute.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-meter.h"
#include "openvswitch/shash.h"
#include "openvswitch/vlog.h"
#include "ovs-thread.h"
#include "random.h"
#include "smap.h"
#include "sset.h"
#include "timeval.h"
#include "uuid.h"

VLOG_DEFINE_THIS_MODULE(dpif);

COVERAGE_DEFINE(dpif_destroy);
COVERAGE_DEFINE(dpif_execute);
COVERAGE_DEFINE(dpif_flow_del);
COVERAGE_DEFINE(dpif_flow_flush);
COVERAGE_DEFINE(dpif_flow_get);
COVERAGE_DEFINE(dpif_flow_put);
COVERAGE_DEFINE(dpif_port_add);
COVERAGE_DEFINE(dpif_port_del);

/* Rate limits for logging errors and debugging messages. */
static struct vlog_rate_limit error_rl = VLOG_RATE_LIMIT_INIT(60, 5);
static struct vlog_rate_limit dpmsg_rl = VLOG_RATE_LIMIT_INIT(600, 600);

/* Protects 'dpif_classes'. */
static struct ovs_mutex dpif_mutex = OVS_MUTEX_INITIALIZER;

/* Registered providers, by type: each data is a "const struct dpif_class
 * *". */
static struct shash dpif_classes = SHASH_INITIALIZER(&dpif_classes);

/* The "dummy" provider: dpif-netdev under another type name. */
static struct dpif_class dpif_dummy_class;

/* Datapath types that must not be registered (dp_disallow_provider()).
 * Protected by 'dpif_mutex'. */
static struct sset dpif_disallowed = SSET_INITIALIZER(&dpif_disallowed);

static void
dp_initialize(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;

    if (ovsthread_once_start(&once)) {
        ovsthread_once_done(&once);

        dp_register_provider(&dpif_netlink_class);
        dp_register_provider(&dpif_netdev_class);
        dpif_dummy_class = dpif_netdev_class;
        dpif_dummy_class.type = "dummy";
        dp_register_provider(&dpif_dummy_class);
    }
}

/* Registers 'new_class'.  Returns EEXIST if a provider of the same type is
 * registered, or the error of the class's init function. */
int
dp_register_provider(const struct dpif_class *new_class)
{
    int error;

    ovs_mutex_lock(&dpif_mutex);
    if (sset_contains(&dpif_disallowed, new_class->type)) {
        VLOG_DBG("attempted to register disallowed datapath provider: %s",
                 new_class->type);
        error = EINVAL;
    } else if (shash_find(&dpif_classes, new_class->type)) {
        VLOG_WARN("attempted to register duplicate datapath provider: %s",
                  new_class->type);
        error = EEXIST;
    } else {
        error = new_class->init ? new_class->init() : 0;
        if (error) {
            VLOG_WARN("failed to initialize %s datapath class: %s",
                      new_class->type, ovs_strerror(error));
        } else {
            shash_add(&dpif_classes, new_class->type, new_class);
        }
    }
    ovs_mutex_unlock(&dpif_mutex);
    return error;
}

/* Makes datapath type 'type' unavailable (ovs-vswitchd --disable-system):
 * it is not registered, or no longer listed if it was, so that opening or
 * creating a datapath of that type fails with EAFNOSUPPORT.  Call it
 * before any datapath of that type is open. */
void
dp_disallow_provider(const char *type)
{
    ovs_mutex_lock(&dpif_mutex);
    sset_add(&dpif_disallowed, type);
    shash_find_and_delete(&dpif_classes, type);
    ovs_mutex_unlock(&dpif_mutex);
}

static const struct dpif_class *
dp_class_lookup(const char *type)
{
    const struct dpif_class *class;

    dp_initialize();
    ovs_mutex_lock(&dpif_mutex);
    class = shash_find_data(&dpif_classes, type);
    ovs_mutex_unlock(&dpif_mutex);
    return class;
}

/* Clears 'types' and adds every registered datapath type to it. */
void
dp_enumerate_types(struct sset *types)
{
    struct shash_node *node;

    dp_initialize();
    sset_clear(types);
    ovs_mutex_lock(&dpif_mutex);
    SHASH_FOR_EACH (node, &dpif_classes) {
        sset_add(types, node->name);
    }
    ovs_mutex_unlock(&dpif_mutex);
}

/* Clears 'names' and adds the names of the existing datapaths of type
 * 'type' to it.  Returns EAFNOSUPPORT for an unknown type. */
int
dp_enumerate_names(const char *type, struct sset *names)
{
    const struct dpif_class *class;
    int error;

    sset_clear(names);
    type = dpif_normalize_type(type);
    class = dp_class_lookup(type);
    if (!class) {
        VLOG_WARN("could not enumerate unknown type: %s", type);
        return EAFNOSUPPORT;
    }
    error = class->enumerate ? class->enumerate(names, class) : 0;
    if (error) {
        VLOG_WARN("failed to enumerate %s datapaths: %s", class->type,
                  ovs_strerror(error));
    }
    return error;
}

/* Splits 'datapath_name' ("TYPE@NAME" or "NAME") into '*name' and '*type'
 * (both malloc()ed; the type is "system" when absent). */
void
dp_parse_name(const char *datapath_name, char **name, char **type)
{
    const char *at = strchr(datapath_name, '@');

    if (at) {
        *type = xmemdup0(datapath_name, at - datapath_name);
        *name = xstrdup(at + 1);
    } else {
        *type = xstrdup(dpif_normalize_type(NULL));
        *name = xstrdup(datapath_name);
    }
}

/* Returns 'type', or "system" if it is NULL or empty. */
const char *
dpif_normalize_type(const char *type)
{
    return type && type[0] ? type : "system";
}

static int
do_open(const char *name, const char *type, bool create, struct dpif **dpifp)
{
    const struct dpif_class *class;
    struct dpif *dpif = NULL;
    int error;

    type = dpif_normalize_type(type);
    class = dp_class_lookup(type);
    if (!class) {
        VLOG_WARN("could not create datapath %s of unknown type %s", name,
                  type);
        error = EAFNOSUPPORT;
    } else {
        error = class->open(class, name, create, &dpif);
        if (!error) {
            ovs_assert(dpif->dpif_class == class);
        }
    }
    *dpifp = error ? NULL : dpif;
    return error;
}

/* Opens the existing datapath 'name' of type 'type' ("system" if NULL or
 * empty) and stores it in '*dpifp'. */
int
dpif_open(const char *name, const char *type, struct dpif **dpifp)
{
    return do_open(name, type, false, dpifp);
}

/* Creates and opens datapath 'name'; EEXIST if it exists. */
int
dpif_create(const char *name, const char *type, struct dpif **dpifp)
{
    return do_open(name, type, true, dpifp);
}

/* Opens datapath 'name', creating it if it does not exist. */
int
dpif_create_and_open(const char *name, const char *type, struct dpif **dpifp)
{
    int error;

    error = dpif_create(name, type, dpifp);
    if (error == EEXIST || error == EBUSY) {
        error = dpif_open(name, type, dpifp);
        if (error) {
            VLOG_WARN("datapath %s already exists but cannot be opened: %s",
                      name, ovs_strerror(error));
        }
    } else if (error) {
        VLOG_WARN("failed to create datapath %s: %s", name,
                  ovs_strerror(error));
    }
    return error;
}

/* Closes 'dpif' (NULL is allowed). */
void
dpif_close(struct dpif *dpif)
{
    if (dpif) {
        dpif_uninit(dpif, true);
    }
}

/* Destroys the datapath that 'dpif' is connected to. */
int
dpif_delete(struct dpif *dpif)
{
    int error;

    COVERAGE_INC(dpif_destroy);
    error = dpif->dpif_class->destroy
            ? dpif->dpif_class->destroy(dpif) : EOPNOTSUPP;
    if (error) {
        VLOG_WARN_RL(&error_rl, "%s: delete failed (%s)", dpif_name(dpif),
                     ovs_strerror(error));
    }
    return error;
}

/* Performs periodic work; returns true if more work remains. */
bool
dpif_run(struct dpif *dpif)
{
    return dpif->dpif_class->run ? dpif->dpif_class->run(dpif) : false;
}

void
dpif_wait(struct dpif *dpif)
{
    if (dpif->dpif_class->wait) {
        dpif->dpif_class->wait(dpif);
    }
}

/* Returns the full name, e.g. "netdev@ovs-netdev" ("system@NAME" for the
 * kernel). */
const char *
dpif_name(const struct dpif *dpif)
{
    return dpif->full_name;
}

/* Returns the name without the type, e.g. "ovs-netdev". */
const char *
dpif_base_name(const struct dpif *dpif)
{
    return dpif->base_name;
}

const char *
dpif_type(const struct dpif *dpif)
{
    return dpif->dpif_class->type;
}

static void
log_operation(const struct dpif *dpif, const char *operation, int error)
{
    if (!error) {
        VLOG_DBG_RL(&dpmsg_rl, "%s: %s success", dpif_name(dpif), operation);
    } else {
        VLOG_WARN_RL(&error_rl, "%s: %s failed (%s)",
                     dpif_name(dpif), operation, ovs_strerror(error));
    }
}

/* Stores the datapath's statistics in '*stats' (all zeros on error). */
int
dpif_get_dp_stats(const struct dpif *dpif, struct dpif_dp_stats *stats)
{
    int error;

    error = dpif->dpif_class->get_stats(dpif, stats);
    if (error) {
        memset(stats, 0, sizeof *stats);
    }
    log_operation(dpif, "get_stats", error);
    return error;
}

int
dpif_set_features(struct dpif *dpif, uint32_t new_features)
{
    int error;

    error = dpif->dpif_class->set_features
            ? dpif->dpif_class->set_features(dpif, new_features)
            : EOPNOTSUPP;
    if (error != EOPNOTSUPP) {
        log_operation(dpif, "set_features", error);
    }
    return error;
}

/* Applies 'other_config' (Open_vSwitch other_config) to the datapath.
 * Providers without configuration ignore it. */
int
dpif_set_config(struct dpif *dpif, const struct smap *other_config)
{
    int error = 0;

    if (dpif->dpif_class->set_config) {
        error = dpif->dpif_class->set_config(dpif, other_config);
        if (error) {
            log_operation(dpif, "set_config", error);
        }
    }
    return error;
}

/* Returns the netdev type to open for a port of type 'port_type' on a
 * datapath of type 'datapath_type'. */
const char *
dpif_port_open_type(const char *datapath_type, const char *port_type)
{
    const struct dpif_class *class;

    port_type = port_type && port_type[0] ? port_type : "system";
    class = dp_class_lookup(dpif_normalize_type(datapath_type));
    if (class && class->port_open_type) {
        return class->port_open_type(class, port_type);
    }
    return port_type;
}

/* Adds 'netdev' as a port.  If 'port_nop' is non-null and '*port_nop' is
 * not ODPP_NONE, asks for that port number; on success stores the port
 * number in '*port_nop' (ODPP_NONE on failure). */
int
dpif_port_add(struct dpif *dpif, struct netdev *netdev, odp_port_t *port_nop)
{
    const char *netdev_name = netdev_get_name(netdev);
    odp_port_t port_no = port_nop ? *port_nop : ODPP_NONE;
    int error;

    COVERAGE_INC(dpif_port_add);
    error = dpif->dpif_class->port_add(dpif, netdev, &port_no);
    if (!error) {
        VLOG_DBG_RL(&dpmsg_rl, "%s: added %s as port %"PRIu32,
                    dpif_name(dpif), netdev_name, odp_to_u32(port_no));
    } else {
        VLOG_WARN_RL(&error_rl, "%s: failed to add %s as port: %s",
                     dpif_name(dpif), netdev_name, ovs_strerror(error));
        port_no = ODPP_NONE;
    }
    if (port_nop) {
        *port_nop = port_no;
    }
    return error;
}

/* Removes port 'port_no'.  If 'local_delete', the port is gone from the
 * datapath already (only local state is cleaned up). */
int
dpif_port_del(struct dpif *dpif, odp_port_t port_no, bool local_delete)
{
    int error = 0;

    COVERAGE_INC(dpif_port_del);
    if (!local_delete) {
        error = dpif->dpif_class->port_del(dpif, port_no);
        if (!error) {
            VLOG_DBG_RL(&dpmsg_rl, "%s: port_del(%"PRIu32")",
                        dpif_name(dpif), odp_to_u32(port_no));
        } else {
            log_operation(dpif, "port_del", error);
        }
    }
    return error;
}

/* Makes 'dst' a deep copy of 'src'. */
void
dpif_port_clone(struct dpif_port *dst, const struct dpif_port *src)
{
    dst->name = xstrdup(src->name);
    dst->type = xstrdup(src->type);
    dst->port_no = src->port_no;
}

/* Frees what 'port' owns (not 'port' itself). */
void
dpif_port_destroy(struct dpif_port *port)
{
    if (port) {
        free(port->name);
        free(port->type);
    }
}

/* Returns true if 'dpif' has a port named 'devname'. */
bool
dpif_port_exists(const struct dpif *dpif, const char *devname)
{
    int error = dpif->dpif_class->port_query_by_name(dpif, devname, NULL);

    if (error != 0 && error != ENODEV) {
        VLOG_WARN_RL(&error_rl, "%s: failed to query port %s: %s",
                     dpif_name(dpif), devname, ovs_strerror(error));
    }
    return !error;
}

/* Looks up port 'port_no'; on success fills 'port' (the caller destroys it
 * with dpif_port_destroy()), on failure zeroes it.  ENODEV if there is no
 * such port. */
int
dpif_port_query_by_number(const struct dpif *dpif, odp_port_t port_no,
                          struct dpif_port *port)
{
    int error = dpif->dpif_class->port_query_by_number(dpif, port_no, port);

    if (!error) {
        VLOG_DBG_RL(&dpmsg_rl, "%s: port %"PRIu32" is device %s",
                    dpif_name(dpif), odp_to_u32(port_no), port->name);
    } else {
        memset(port, 0, sizeof *port);
        VLOG_WARN_RL(&error_rl, "%s: failed to query port %"PRIu32": %s",
                     dpif_name(dpif), odp_to_u32(port_no),
                     ovs_strerror(error));
    }
    return error;
}

/* Looks up port 'devname', as dpif_port_query_by_number() does.  ENODEV,
 * not logged, if there is no such port. */
int
dpif_port_query_by_name(const struct dpif *dpif, const char *devname,
                        struct dpif_port *port)
{
    int error = dpif->dpif_class->port_query_by_name(dpif, devname, port);

    if (!error) {
        VLOG_DBG_RL(&dpmsg_rl, "%s: device %s is on port %"PRIu32,
                    dpif_name(dpif), devname, odp_to_u32(port->port_no));
    } else {
        memset(port, 0, sizeof *port);
        if (error != ENODEV) {
            VLOG_WARN_RL(&error_rl, "%s: failed to query device %s: %s",
                         dpif_name(dpif), devname, ovs_strerror(error));
        }
    }
    return error;
}

/* Copies the name of port 'port_no' into 'name' ('name_size' bytes,
 * truncated and null-terminated); an empty string on error. */
int
dpif_port_get_name(struct dpif *dpif, odp_port_t port_no,
                   char *name, size_t name_size)
{
    struct dpif_port port;
    int error;

    ovs_assert(name_size > 0);
    error = dpif_port_query_by_number(dpif, port_no, &port);
    if (!error) {
        ovs_strlcpy(name, port.name, name_size);
        dpif_port_destroy(&port);
    } else {
        *name = '\0';
    }
    return error;
}

void
dpif_port_dump_start(struct dpif_port_dump *dump, const struct dpif *dpif)
{
    dump->dpif = dpif;
    dump->state = NULL;
    dump->error = dpif->dpif_class->port_dump_start(dpif, &dump->state);
    log_operation(dpif, "port_dump_start", dump->error);
}

/* Fills 'port' with the next port (owned by the dump); returns false at
 * the end or on error. */
bool
dpif_port_dump_next(struct dpif_port_dump *dump, struct dpif_port *port)
{
    const struct dpif *dpif = dump->dpif;

    if (dump->error) {
        return false;
    }
    dump->error = dpif->dpif_class->port_dump_next(dpif, dump->state, port);
    if (dump->error == EOF) {
        VLOG_DBG_RL(&dpmsg_rl, "%s: dumped all ports", dpif_name(dpif));
    } else {
        log_operation(dpif, "port_dump_next", dump->error);
    }
    if (dump->error) {
        dpif->dpif_class->port_dump_done(dpif, dump->state);
        dump->state = NULL;
        return false;
    }
    return true;
}

/* Ends the dump; returns 0 if it completed, otherwise its error. */
int
dpif_port_dump_done(struct dpif_port_dump *dump)
{
    const struct dpif *dpif = dump->dpif;

    if (!dump->error) {
        dump->error = dpif->dpif_class->port_dump_done(dpif, dump->state);
        dump->state = NULL;
        log_operation(dpif, "port_dump_done", dump->error);
    }
    return dump->error == EOF ? 0 : dump->error;
}

int
dpif_port_poll(const struct dpif *dpif, char **devnamep)
{
    int error = (dpif->dpif_class->port_poll
                 ? dpif->dpif_class->port_poll(dpif, devnamep)
                 : EAGAIN);

    if (error) {
        *devnamep = NULL;
    }
    return error;
}

void
dpif_port_poll_wait(const struct dpif *dpif)
{
    if (dpif->dpif_class->port_poll_wait) {
        dpif->dpif_class->port_poll_wait(dpif);
    }
}

/* Fills 'stats' for one packet 'packet' whose flow is 'flow', last used at
 * 'used'. */
void
dpif_flow_stats_extract(const struct flow *flow,
                        const struct dp_packet *packet,
                        long long int used, struct dpif_flow_stats *stats)
{
    stats->tcp_flags = flow->nw_proto == IPPROTO_TCP && is_ip_any(flow)
                       ? ntohs(flow->tcp_flags) : 0;
    stats->n_bytes = dp_packet_size(packet);
    stats->n_packets = 1;
    stats->used = used;
}

/* Appends the TCP flags in 'flags' to 's', one character per flag, in the
 * form dump-flows prints them. */
static void
format_tcp_flags(struct ds *s, uint16_t flags)
{
    static const struct {
        uint16_t bit;           /* The flag. */
        const char *name;       /* Its representation. */
    } names[] = {
        { 0x002, "S" }, { 0x001, "F" }, { 0x008, "P" }, { 0x004, "R" },
        { 0x020, "U" }, { 0x010, "." }, { 0x040, "E" }, { 0x080, "C" },
        { 0x100, "N" }, { 0x200, "[200]" }, { 0x400, "[400]" },
        { 0x800, "[800]" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        if (flags & names[i].bit) {
            ds_put_cstr(s, names[i].name);
        }
    }
}

/* Appends "packets:N, bytes:N, used:X" (and ", flags:..." when TCP flags
 * were seen) to 's'. */
void
dpif_flow_stats_format(const struct dpif_flow_stats *stats, struct ds *s)
{
    ds_put_format(s, "packets:%"PRIu64", bytes:%"PRIu64", used:",
                  stats->n_packets, stats->n_bytes);
    if (stats->used) {
        ds_put_format(s, "%.3fs", (time_msec() - stats->used) / 1000.0);
    } else {
        ds_put_cstr(s, "never");
    }
    if (stats->tcp_flags) {
        ds_put_cstr(s, ", flags:");
        format_tcp_flags(s, stats->tcp_flags);
    }
}

/* Computes a UFID for the 'key_len' bytes of 'key' into '*hash': four
 * independent 32-bit hashes of the key, each from a per-process secret
 * basis of its own, computed in one pass over the key (four chained
 * passes cost a forwarding thread that sets up new flows 3% of its CPU),
 * with the version and variant bits of a random (version 4) UUID set, as
 * upstream's UFIDs have them ("dpctl/dump-flows -m" shows them).
 *
 * 'dpif' may be NULL: the UFID depends only on the key. */
void
dpif_flow_hash(const struct dpif *dpif OVS_UNUSED,
               const void *key, size_t key_len, ovs_u128 *hash)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;
    static uint32_t secrets[4];
    const uint8_t *p = key;
    size_t n_words = key_len / 4;
    uint32_t h[4];

    if (ovsthread_once_start(&once)) {
        for (int i = 0; i < 4; i++) {
            secrets[i] = random_uint32();
        }
        ovsthread_once_done(&once);
    }
    memcpy(h, secrets, sizeof h);
    for (size_t i = 0; i < n_words; i++) {
        uint32_t word;

        memcpy(&word, p + 4 * i, 4);    /* Netlink keys need not be
                                         * 4-byte aligned in a buffer. */
        for (int j = 0; j < 4; j++) {
            h[j] = hash_add(h[j], word);
        }
    }
    if (key_len % 4) {
        uint32_t tail = 0;

        memcpy(&tail, p + 4 * n_words, key_len % 4);
        for (int j = 0; j < 4; j++) {
            h[j] = hash_add(h[j], tail);
        }
    }
    for (int j = 0; j < 4; j++) {
        hash->u32[j] = hash_finish(h[j], key_len);
    }
    uuid_set_bits_v4((struct uuid *) hash);
}

/* Deletes every flow. */
int
dpif_flow_flush(struct dpif *dpif)
{
    int error;

    COVERAGE_INC(dpif_flow_flush);
    error = dpif->dpif_class->flow_flush(dpif);
    log_operation(dpif, "flow_flush", error);
    return error;
}

/* Returns the level at which to log a flow operation that ended with
 * 'error': a put that found the flow exists already is an ordinary race
 * and logged for debugging only. */
static enum vlog_level
flow_message_log_level(int error)
{
    return error && error != EEXIST ? VLL_WARN : VLL_DBG;
}

static bool
should_log_flow_message(int error)
{
    return !vlog_should_drop(THIS_MODULE, flow_message_log_level(error),
                             error ? &error_rl : &dpmsg_rl);
}

static void
log_flow_message(const struct dpif *dpif, int error, const char *operation,
                 const struct nlattr *key, size_t key_len,
                 const struct nlattr *mask, size_t mask_len,
                 const ovs_u128 *ufid, const struct dpif_flow_stats *stats,
                 const struct nlattr *actions, size_t actions_len)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    ds_put_format(&ds, "%s: ", dpif_name(dpif));
    if (error) {
        ds_put_cstr(&ds, "failed to ");
    }
    ds_put_format(&ds, "%s ", operation);
    if (error) {
        ds_put_format(&ds, "(%s) ", ovs_strerror(error));
    }
    if (ufid) {
        ds_put_format(&ds, "ufid:%08x-%04x-%04x-%04x-%04x%08x",
                      ufid->u32[0], ufid->u32[1] >> 16,
                      ufid->u32[1] & 0xffff, ufid->u32[2] >> 16,
                      ufid->u32[2] & 0xffff, ufid->u32[3]);
    }
    if (key) {
        if (ufid) {
            ds_put_char(&ds, ' ');
        }
        odp_flow_format(key, key_len, mask, mask_len, NULL, &ds, true);
    }
    if (stats) {
        ds_put_cstr(&ds, ", ");
        dpif_flow_stats_format(stats, &ds);
    }
    if (actions || actions_len) {
        ds_put_cstr(&ds, ", actions:");
        format_odp_actions(&ds, actions, actions_len, NULL);
    }
    vlog(THIS_MODULE, flow_message_log_level(error), "%s", ds_cstr(&ds));
    ds_destroy(&ds);
}

static void
log_flow_put_message(const struct dpif *dpif, const struct dpif_flow_put *put,
                     int error)
{
    if (!(put->flags & DPIF_FP_PROBE) && should_log_flow_message(error)) {
        struct ds s = DS_EMPTY_INITIALIZER;

        ds_put_cstr(&s, "put");
        if (put->flags & DPIF_FP_CREATE) {
            ds_put_cstr(&s, "[create]");
        }
        if (put->flags & DPIF_FP_MODIFY) {
            ds_put_cstr(&s, "[modify]");
        }
        if (put->flags & DPIF_FP_ZERO_STATS) {
            ds_put_cstr(&s, "[zero]");
        }
        log_flow_message(dpif, error, ds_cstr(&s), put->key, put->key_len,
                         put->mask, put->mask_len, put->ufid,
                         error ? NULL : put->stats, put->actions,
                         put->actions_len);
        ds_destroy(&s);
    }
}

static void
log_flow_del_message(const struct dpif *dpif, const struct dpif_flow_del *del,
                     int error)
{
    if (should_log_flow_message(error)) {
        log_flow_message(dpif, error, "flow_del", del->key, del->key_len,
                         NULL, 0, del->ufid,
                         !error ? del->stats : NULL, NULL, 0);
    }
}

static void
log_flow_get_message(const struct dpif *dpif, const struct dpif_flow_get *get,
                     int error)
{
    if (should_log_flow_message(error)) {
        log_flow_message(dpif, error, "flow_get", get->key, get->key_len,
                         get->flow->mask, get->flow->mask_len, get->ufid,
                         !error ? &get->flow->stats : NULL,
                         !error ? get->flow->actions : NULL,
                         !error ? get->flow->actions_len : 0);
    }
}

static void
log_execute_message(const struct dpif *dpif,
                    const struct dpif_execute *execute,
                    int error)
{
    /* A probe's failure is expected: it must not spend the rate limit's
     * budget either. */
    if (!execute->probe
        && !(error ? VLOG_DROP_WARN(&error_rl) : VLOG_DROP_DBG(&dpmsg_rl))) {
        struct ds ds = DS_EMPTY_INITIALIZER;
        char *packet = dp_packet_to_string(execute->packet, 128);

        ds_put_format(&ds, "%s: %sexecute ", dpif_name(dpif),
                      error ? "failed to " : "");
        format_odp_actions(&ds, execute->actions, execute->actions_len, NULL);
        if (error) {
            ds_put_format(&ds, " failed (%s)", ovs_strerror(error));
        }
        ds_put_format(&ds, " on packet %s", packet);
        vlog(THIS_MODULE, error ? VLL_WARN : VLL_DBG, "%s", ds_cstr(&ds));
        ds_destroy(&ds);
        free(packet);
    }
}

/* Adds or modifies a flow: see struct dpif_flow_put and the 'operate'
 * member of struct dpif_class. */
int
dpif_flow_put(struct dpif *dpif, enum dpif_flow_put_flags flags,
              const struct nlattr *key, size_t key_len,
              const struct nlattr *mask, size_t mask_len,
              const struct nlattr *actions, size_t actions_len,
              const ovs_u128 *ufid, const unsigned pmd_id,
              struct dpif_flow_stats *stats)
{
    struct dpif_op op, *opp = &op;

    op.type = DPIF_OP_FLOW_PUT;
    op.flow_put.flags = flags;
    op.flow_put.key = key;
    op.flow_put.key_len = key_len;
    op.flow_put.mask = mask;
    op.flow_put.mask_len = mask_len;
    op.flow_put.actions = actions;
    op.flow_put.actions_len = actions_len;
    op.flow_put.ufid = ufid;
    op.flow_put.pmd_id = pmd_id;
    op.flow_put.stats = stats;
    dpif_operate(dpif, &opp, 1);
    return op.error;
}

/* Deletes the flow with 'ufid' (or, if 'ufid' is NULL, with 'key'). */
int
dpif_flow_del(struct dpif *dpif,
              const struct nlattr *key, size_t key_len,
              const ovs_u128 *ufid, const unsigned pmd_id,
              struct dpif_flow_stats *stats)
{
    struct dpif_op op, *opp = &op;

    op.type = DPIF_OP_FLOW_DEL;
    op.flow_del.key = key;
    op.flow_del.key_len = key_len;
    op.flow_del.ufid = ufid;
    op.flow_del.pmd_id = pmd_id;
    op.flow_del.stats = stats;
    op.flow_del.terse = false;
    dpif_operate(dpif, &opp, 1);
    return op.error;
}

/* Looks up the flow with 'ufid' (or 'key') and stores it in '*flow', its
 * attributes in 'buf'.  ENOENT if there is none. */
int
dpif_flow_get(struct dpif *dpif,
              const struct nlattr *key, size_t key_len,
              const ovs_u128 *ufid, const unsigned pmd_id,
              struct ofpbuf *buf, struct dpif_flow *flow)
{
    struct dpif_op op, *opp = &op;

    op.type = DPIF_OP_FLOW_GET;
    op.flow_get.key = key;
    op.flow_get.key_len = key_len;
    op.flow_get.ufid = ufid;
    op.flow_get.pmd_id = pmd_id;
    op.flow_get.buffer = buf;
    memset(flow, 0, sizeof *flow);
    op.flow_get.flow = flow;
    op.flow_get.flow->key = key;
    op.flow_get.flow->key_len = key_len;
    dpif_operate(dpif, &opp, 1);
    return op.error;
}

struct dpif_flow_dump *
dpif_flow_dump_create(const struct dpif *dpif, bool terse,
                      struct dpif_flow_dump_types *types)
{
    return dpif->dpif_class->flow_dump_create(dpif, terse, types);
}

int
dpif_flow_dump_destroy(struct dpif_flow_dump *dump)
{
    const struct dpif *dpif = dump->dpif;
    int error = dpif->dpif_class->flow_dump_destroy(dump);

    log_operation(dpif, "flow_dump_destroy", error == EOF ? 0 : error);
    return error == EOF ? 0 : error;
}

struct dpif_flow_dump_thread *
dpif_flow_dump_thread_create(struct dpif_flow_dump *dump)
{
    return dump->dpif->dpif_class->flow_dump_thread_create(dump);
}

void
dpif_flow_dump_thread_destroy(struct dpif_flow_dump_thread *thread)
{
    thread->dpif->dpif_class->flow_dump_thread_destroy(thread);
}

/* Fills in up to 'max_flows' flows; returns how many (0 at the end). */
int
dpif_flow_dump_next(struct dpif_flow_dump_thread *thread,
                    struct dpif_flow *flows, int max_flows)
{
    const struct dpif *dpif = thread->dpif;
    int n;

    ovs_assert(max_flows > 0);
    n = dpif->dpif_class->flow_dump_next(thread, flows, max_flows);
    if (n > 0) {
        for (int i = 0; i < n && should_log_flow_message(0); i++) {
            struct dpif_flow *f = &flows[i];

            log_flow_message(dpif, 0, "flow_dump", f->key, f->key_len,
                             f->mask, f->mask_len, &f->ufid, &f->stats,
                             f->actions, f->actions_len);
        }
    } else {
        VLOG_DBG_RL(&dpmsg_rl, "%s: dumped all flows", dpif_name(dpif));
    }
    return n;
}

/* An execution that the datapath cannot do alone (struct dpif_execute's
 * 'needs_help'): userspace runs the actions on its copy of the packet and
 * hands the datapath, one at a time, those that only the datapath can do
 * (output, userspace, recirculation...).  Kernel datapaths, for example,
 * cannot rewrite ARP headers. */
struct dpif_execute_helper_aux {
    struct dpif *dpif;                  /* The datapath. */
    const struct dpif_execute *execute; /* The execution being helped. */
    int error;                          /* First error, 0 if none. */
};

/* odp_execute_actions() callback: the datapath runs 'action' on each
 * packet of 'batch'. */
static void
dpif_execute_helper_cb(void *aux_, struct dp_packet_batch *batch,
                       const struct nlattr *action, bool should_steal)
{
    struct dpif_execute_helper_aux *aux = aux_;
    struct dp_packet *packet;

    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        struct dpif_op op, *opp = &op;

        memset(&op, 0, sizeof op);
        op.type = DPIF_OP_EXECUTE;
        op.execute = *aux->execute;
        op.execute.actions = action;
        op.execute.actions_len = NLA_ALIGN(action->nla_len);
        op.execute.needs_help = false;
        op.execute.packet = packet;
        dpif_operate(aux->dpif, &opp, 1);
        if (op.error && !aux->error) {
            aux->error = op.error;
        }
    }
    dp_packet_delete_batch(batch, should_steal);
}

/* Runs 'op', an execution that needs userspace's help, on a copy of its
 * packet (the caller's packet is left as it is). */
static void
dpif_execute_with_help(struct dpif *dpif, struct dpif_op *op)
{
    struct dpif_execute_helper_aux aux = {
        .dpif = dpif,
        .execute = &op->execute,
        .error = 0,
    };
    struct dp_packet_batch batch;
    struct dp_packet *packet = dp_packet_clone(op->execute.packet);
    struct flow flow;

    /* Parsing the packet sets its header offsets, which the actions that
     * userspace runs need (an upcall's packet comes without them). */
    flow_extract(packet, &flow);
    dp_packet_batch_init_packet(&batch, packet);
    odp_execute_actions(&aux, &batch, true, op->execute.actions,
                        op->execute.actions_len, dpif_execute_helper_cb);
    dp_packet_delete_batch(&batch, true);
    op->error = aux.error;
}

static void dpif_operate__(struct dpif *, struct dpif_op **, size_t n_ops);

/* Executes each of 'ops', in order, storing each one's result in its
 * 'error' member. */
void
dpif_operate(struct dpif *dpif, struct dpif_op **ops, size_t n_ops)
{
    while (n_ops) {
        size_t n;

        /* The datapath takes a run of operations it can do alone in one
         * batch; userspace helps with the others one by one. */
        for (n = 0; n < n_ops; n++) {
            if (ops[n]->type == DPIF_OP_EXECUTE
                && ops[n]->execute.needs_help) {
                break;
            }
        }
        if (n) {
            dpif_operate__(dpif, ops, n);
        } else {
            dpif_execute_with_help(dpif, ops[0]);
            n = 1;
        }
        ops += n;
        n_ops -= n;
    }
}

static void
dpif_operate__(struct dpif *dpif, struct dpif_op **ops, size_t n_ops)
{
    if (!n_ops) {
        return;
    }
    for (size_t i = 0; i < n_ops; i++) {
        ops[i]->error = EINPROGRESS;
    }
    if (dpif->dpif_class->operate) {
        dpif->dpif_class->operate(dpif, ops, n_ops);
    } else {
        for (size_t i = 0; i < n_ops; i++) {
            ops[i]->error = EOPNOTSUPP;
        }
    }

    for (size_t i = 0; i < n_ops; i++) {
        struct dpif_op *op = ops[i];

        switch (op->type) {
        case DPIF_OP_FLOW_PUT: {
            struct dpif_flow_put *put = &op->flow_put;

            COVERAGE_INC(dpif_flow_put);
            log_flow_put_message(dpif, put, op->error);
            if (op->error && put->stats) {
                memset(put->stats, 0, sizeof *put->stats);
            }
            break;
        }
        case DPIF_OP_FLOW_GET: {
            struct dpif_flow_get *get = &op->flow_get;

            COVERAGE_INC(dpif_flow_get);
            if (op->error) {
                memset(get->flow, 0, sizeof *get->flow);
            }
            log_flow_get_message(dpif, get, op->error);
            break;
        }
        case DPIF_OP_FLOW_DEL: {
            struct dpif_flow_del *del = &op->flow_del;

            COVERAGE_INC(dpif_flow_del);
            log_flow_del_message(dpif, del, op->error);
            if (op->error && del->stats) {
                memset(del->stats, 0, sizeof *del->stats);
            }
            break;
        }
        case DPIF_OP_EXECUTE:
            COVERAGE_INC(dpif_execute);
            log_execute_message(dpif, &op->execute, op->error);
            break;
        }
    }
}

/* Executes 'execute->actions' on 'execute->packet'. */
int
dpif_execute(struct dpif *dpif, struct dpif_execute *execute)
{
    if (execute->actions_len) {
        struct dpif_op op, *opp = &op;

        op.type = DPIF_OP_EXECUTE;
        op.execute = *execute;
        dpif_operate(dpif, &opp, 1);
        return op.error;
    }
    return 0;
}

const char *
dpif_upcall_type_to_string(enum dpif_upcall_type type)
{
    switch (type) {
    case DPIF_UC_MISS:
        return "miss";
    case DPIF_UC_ACTION:
        return "action";
    case DPIF_N_UC_TYPES:
    default:
        return "<unknown>";
    }
}

/* Registers 'cb' (with 'aux') as the upcall callback of a datapath that
 * calls it directly (dpif-netdev); a no-op for other datapaths. */
void
dpif_register_upcall_cb(struct dpif *dpif, upcall_callback *cb, void *aux)
{
    if (dpif->dpif_class->register_upcall_cb) {
        dpif->dpif_class->register_upcall_cb(dpif, cb, aux);
    }
}

void
dpif_enable_upcall(struct dpif *dpif)
{
    if (dpif->dpif_class->enable_upcall) {
        dpif->dpif_class->enable_upcall(dpif);
    }
}

void
dpif_disable_upcall(struct dpif *dpif)
{
    if (dpif->dpif_class->disable_upcall) {
        dpif->dpif_class->disable_upcall(dpif);
    }
}

int
dpif_recv_set(struct dpif *dpif, bool enable)
{
    int error = 0;

    if (dpif->dpif_class->recv_set) {
        error = dpif->dpif_class->recv_set(dpif, enable);
        log_operation(dpif, "recv_set", error);
    }
    return error;
}

int
dpif_handlers_set(struct dpif *dpif, uint32_t n_handlers)
{
    int error = 0;

    if (dpif->dpif_class->handlers_set) {
        error = dpif->dpif_class->handlers_set(dpif, n_handlers);
        log_operation(dpif, "handlers_set", error);
    }
    return error;
}

/* Returns the port id that a userspace action in a flow whose packets
 * arrive on 'port_no' should carry (0 if the datapath does not need one:
 * it then picks the handler itself). */
uint32_t
dpif_port_get_pid(const struct dpif *dpif, odp_port_t port_no)
{
    return (dpif->dpif_class->port_get_pid
            ? dpif->dpif_class->port_get_pid(dpif, port_no)
            : 0);
}

/* Reads one upcall for handler 'handler_id' into 'upcall' (pointing into
 * 'buf').  EAGAIN if none is waiting. */
int
dpif_recv(struct dpif *dpif, uint32_t handler_id, struct dpif_upcall *upcall,
          struct ofpbuf *buf)
{
    int error = EAGAIN;

    if (dpif->dpif_class->recv) {
        error = dpif->dpif_class->recv(dpif, handler_id, upcall, buf);
        if (error && error != EAGAIN) {
            log_operation(dpif, "recv", error);
        }
    }
    return error;
}

void
dpif_recv_purge(struct dpif *dpif)
{
    if (dpif->dpif_class->recv_purge) {
        dpif->dpif_class->recv_purge(dpif);
    }
}

void
dpif_recv_wait(struct dpif *dpif, uint32_t handler_id)
{
    if (dpif->dpif_class->recv_wait) {
        dpif->dpif_class->recv_wait(dpif, handler_id);
    }
}

/* Userspace datapaths understand the explicit "drop" action; the kernel
 * datapath's support is probed by ofproto-dpif, not here. */
bool
dpif_supports_explicit_drop_action(const struct dpif *dpif)
{
    return dpif->dpif_class->register_upcall_cb != NULL;
}

void
dpif_get_netflow_ids(const struct dpif *dpif,
                     uint8_t *engine_type, uint8_t *engine_id)
{
    *engine_type = dpif->netflow_engine_type;
    *engine_id = dpif->netflow_engine_id;
}

bool
dpif_uses_upcall_cb(const struct dpif *dpif)
{
    return dpif->dpif_class->register_upcall_cb != NULL;
}

/* Initializes the generic part of 'dpif', named 'name' (without the
 * type). */
void
dpif_init(struct dpif *dpif, const struct dpif_class *dpif_class,
          const char *name, uint8_t netflow_engine_type,
          uint8_t netflow_engine_id)
{
    dpif->dpif_class = dpif_class;
    dpif->base_name = xstrdup(name);
    dpif->full_name = xasprintf("%s@%s", dpif_class->type, name);
    dpif->netflow_engine_type = netflow_engine_type;
    dpif->netflow_engine_id = netflow_engine_id;
    dpif->current_ms = time_msec();
}

/* Frees the generic part of 'dpif' and, if 'close', has the provider
 * close it (freeing 'dpif' itself). */
void
dpif_uninit(struct dpif *dpif, bool close)
{
    char *base_name = dpif->base_name;
    char *full_name = dpif->full_name;

    if (close) {
        dpif->dpif_class->close(dpif);
    }
    free(base_name);
    free(full_name);
}

/* Meters. */

void
dpif_meter_get_features(const struct dpif *dpif,
                        struct ofputil_meter_features *features)
{
    memset(features, 0, sizeof *features);
    if (dpif->dpif_class->meter_get_features) {
        dpif->dpif_class->meter_get_features(dpif, features);
    }
}

int
dpif_meter_set(struct dpif *dpif, ofproto_meter_id meter_id,
               struct ofputil_meter_config *config)
{
    int error = (dpif->dpif_class->meter_set
                 ? dpif->dpif_class->meter_set(dpif, meter_id, config)
                 : EOPNOTSUPP);

    if (error && error != EOPNOTSUPP) {
        VLOG_WARN_RL(&error_rl, "%s: failed to set DPIF meter %"PRIu32": %s",
                     dpif_name(dpif), meter_id.uint32, ovs_strerror(error));
    }
    return error;
}

int
dpif_meter_get(const struct dpif *dpif, ofproto_meter_id meter_id,
               struct ofputil_meter_stats *stats, uint16_t n_bands)
{
    int error = (dpif->dpif_class->meter_get
                 ? dpif->dpif_class->meter_get(dpif, meter_id, stats,
                                               n_bands)
                 : EOPNOTSUPP);

    if (error) {
        memset(stats, 0, offsetof(struct ofputil_meter_stats, bands));
        if (error != EOPNOTSUPP) {
            log_operation(dpif, "meter_get", error);
        }
    }
    return error;
}

int
dpif_meter_del(struct dpif *dpif, ofproto_meter_id meter_id,
               struct ofputil_meter_stats *stats, uint16_t n_bands)
{
    int error = (dpif->dpif_class->meter_del
                 ? dpif->dpif_class->meter_del(dpif, meter_id, stats,
                                               n_bands)
                 : EOPNOTSUPP);

    if (error) {
        if (stats) {
            memset(stats, 0, offsetof(struct ofputil_meter_stats, bands));
        }
        if (error != EOPNOTSUPP) {
            log_operation(dpif, "meter_del", error);
        }
    }
    return error;
}
