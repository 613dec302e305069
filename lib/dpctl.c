/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "dpctl.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dpif-provider.h"
#include "flow.h"
#include "match.h"
#include "netdev.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/util.h"
#include "openvswitch/uuid.h"
#include "openvswitch/vlog.h"
#include "simap.h"
#include "smap.h"
#include "sset.h"
#include "unixctl.h"
#include "uuid.h"

VLOG_DEFINE_THIS_MODULE(dpctl);

typedef int dpctl_command_handler(int argc, const char *argv[],
                                  struct dpctl_params *);

/* One dpctl command. */
struct dpctl_command {
    const char *name;           /* Command name, e.g. "add-dp". */
    const char *usage;          /* Arguments, for help texts. */
    int min_args;               /* Minimum number of arguments. */
    int max_args;               /* Maximum number of arguments. */
    dpctl_command_handler *handler; /* Implementation. */
    bool read_only;             /* True if it changes nothing. */
};

static const struct dpctl_command *get_all_dpctl_commands(void);

/* Output helpers. */

static void
dpctl_puts(struct dpctl_params *p, bool error, const char *text)
{
    p->output(p->aux, error, text);
}

static void OVS_PRINTF_FORMAT(2, 3)
dpctl_print(struct dpctl_params *p, const char *fmt, ...)
{
    va_list args;
    char *s;

    va_start(args, fmt);
    s = xvasprintf(fmt, args);
    va_end(args);
    dpctl_puts(p, false, s);
    free(s);
}

/* Reports an error message made from 'fmt', prefixed by the program's name
 * and followed by the text of errno value 'err_no' in parentheses if it is
 * nonzero. */
static void OVS_PRINTF_FORMAT(3, 4)
dpctl_error(struct dpctl_params *p, int err_no, const char *fmt, ...)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    va_list args;

    ds_put_format(&ds, "%s: ", program_name);
    va_start(args, fmt);
    ds_put_format_valist(&ds, fmt, args);
    va_end(args);
    if (err_no) {
        ds_put_format(&ds, " (%s)", ovs_strerror(err_no));
    }
    ds_put_char(&ds, '\n');
    dpctl_puts(p, true, ds_cstr(&ds));
    ds_destroy(&ds);
}

/* UFIDs, in the "ufid:UUID" text form. */

/* Parses a "ufid:UUID" prefix of 's' into '*ufid'.  Returns the number of
 * characters consumed, 0 if 's' does not start with "ufid:", or -EINVAL if
 * the UUID is malformed. */
static int
dpctl_ufid_from_string(const char *s, ovs_u128 *ufid)
{
    struct uuid uuid;

    if (strncmp(s, "ufid:", 5)) {
        return 0;
    }
    if (strlen(s + 5) < UUID_LEN || !uuid_from_string_prefix(&uuid, s + 5)) {
        return -EINVAL;
    }
    memcpy(ufid->u32, uuid.parts, sizeof ufid->u32);
    return 5 + UUID_LEN;
}

static void
dpctl_format_ufid(const ovs_u128 *ufid, struct ds *ds)
{
    ds_put_format(ds, "ufid:%08x-%04x-%04x-%04x-%04x%08x",
                  ufid->u32[0], ufid->u32[1] >> 16, ufid->u32[1] & 0xffff,
                  ufid->u32[2] >> 16, ufid->u32[2] & 0xffff, ufid->u32[3]);
}

/* Datapaths. */

/* Splits an interface argument "NAME,KEY=VALUE,..." into '*namep' (caller
 * frees) and 'args' (caller initializes and destroys). */
static void
parse_iface_arg(const char *arg, char **namep, struct smap *args)
{
    char *copy = xstrdup(arg);
    char *save = NULL;
    char *tok;

    tok = strtok_r(copy, ",", &save);
    *namep = xstrdup(tok ? tok : "");
    while ((tok = strtok_r(NULL, ",", &save)) != NULL) {
        char *eq = strchr(tok, '=');

        if (eq) {
            *eq = '\0';
            smap_replace(args, tok, eq + 1);
        } else {
            smap_replace(args, tok, "");
        }
    }
    free(copy);
}

static int
parsed_dpif_open(const char *arg, bool create, struct dpif **dpifp)
{
    char *name, *type;
    int error;

    dp_parse_name(arg, &name, &type);
    error = (create
             ? dpif_create(name, type, dpifp)
             : dpif_open(name, type, dpifp));
    free(name);
    free(type);
    return error;
}

/* Adds each interface in 'argv[0]' through 'argv[argc - 1]' to 'dpif'
 * (named 'dp_arg' on the command line).  Returns 0 or the last error. */
static int
dpctl_add_ifaces(struct dpif *dpif, const char *dp_arg, int argc,
                 const char *argv[], struct dpctl_params *p)
{
    int lasterror = 0;

    for (int i = 0; i < argc; i++) {
        odp_port_t port_no = ODPP_NONE;
        const char *type = "system";
        struct netdev *netdev;
        struct smap args;
        char *name;
        int error;

        smap_init(&args);
        parse_iface_arg(argv[i], &name, &args);
        if (smap_get(&args, "type")) {
            type = smap_get(&args, "type");
        }
        if (smap_get(&args, "port_no")) {
            port_no = u32_to_odp(atoi(smap_get(&args, "port_no")));
        }

        /* The datapath decides what a port type means to it, e.g. the
         * userspace datapath's "internal" ports are tap devices. */
        error = netdev_open(name, dpif_port_open_type(dpif_type(dpif), type),
                            &netdev);
        if (error) {
            dpctl_error(p, error, "%s: failed to open network device", name);
            goto next;
        }

        smap_remove(&args, "type");
        smap_remove(&args, "port_no");
        error = netdev_set_config(netdev, &args, NULL);
        if (!error) {
            error = dpif_port_add(dpif, netdev, &port_no);
            if (error) {
                dpctl_error(p, error, "adding %s to %s failed", name,
                            dp_arg);
            }
        } else {
            dpctl_error(p, error, "%s: failed to configure network device",
                        name);
        }
        netdev_close(netdev);

    next:
        if (error) {
            lasterror = error;
        }
        free(name);
        smap_destroy(&args);
    }
    return lasterror;
}

/* Opens (with 'create', creates) datapath argv[1] and adds the interfaces
 * argv[2...] to it: add-dp and add-if. */
static int
dpctl_open_and_add_ifaces(int argc, const char *argv[],
                          struct dpctl_params *p, bool create)
{
    struct dpif *dpif;
    int error;

    error = parsed_dpif_open(argv[1], create, &dpif);
    if (error) {
        dpctl_error(p, error, create ? "add_dp" : "opening datapath");
        return error;
    }
    error = dpctl_add_ifaces(dpif, argv[1], argc - 2, argv + 2, p);
    dpif_close(dpif);
    return error;
}

static int
dpctl_add_dp(int argc, const char *argv[], struct dpctl_params *p)
{
    return dpctl_open_and_add_ifaces(argc, argv, p, true);
}

static int
dpctl_del_dp(int argc OVS_UNUSED, const char *argv[],
             struct dpctl_params *p)
{
    struct dpif *dpif;
    int error;

    error = parsed_dpif_open(argv[1], false, &dpif);
    if (error) {
        dpctl_error(p, error, "opening datapath");
        return error;
    }
    error = dpif_delete(dpif);
    if (error) {
        dpctl_error(p, error, "del_dp");
    }
    dpif_close(dpif);
    return error;
}

static int
dpctl_add_if(int argc, const char *argv[], struct dpctl_params *p)
{
    return dpctl_open_and_add_ifaces(argc, argv, p, false);
}

static int
dpctl_set_if(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpif *dpif;
    int lasterror = 0;
    int error;

    error = parsed_dpif_open(argv[1], false, &dpif);
    if (error) {
        dpctl_error(p, error, "opening datapath");
        return error;
    }

    for (int i = 2; i < argc; i++) {
        struct dpif_port dpif_port;
        struct netdev *netdev = NULL;
        struct smap new_args, args;
        struct smap_node *node;
        char *name;

        smap_init(&new_args);
        smap_init(&args);
        parse_iface_arg(argv[i], &name, &new_args);

        error = dpif_port_query_by_name(dpif, name, &dpif_port);
        if (error) {
            dpctl_error(p, error, "%s: failed to query port in %s", name,
                        argv[1]);
            goto next;
        }

        error = netdev_open(name, dpif_port.type, &netdev);
        if (error) {
            dpctl_error(p, error, "%s: failed to open network device", name);
            goto next_destroy_port;
        }

        error = netdev_get_config(netdev, &args);
        if (error) {
            dpctl_error(p, error, "%s: failed to fetch configuration", name);
            goto next_destroy_port;
        }

        SMAP_FOR_EACH (node, &new_args) {
            if (!strcmp(node->key, "type")) {
                if (strcmp(node->value, dpif_port.type)) {
                    dpctl_error(p, 0, "%s: can't change type from %s to %s",
                                name, dpif_port.type, node->value);
                    error = EINVAL;
                    goto next_destroy_port;
                }
            } else if (!strcmp(node->key, "port_no")) {
                uint32_t old = odp_to_u32(dpif_port.port_no);

                if (old != (uint32_t) atoi(node->value)) {
                    dpctl_error(p, 0, "%s: can't change port number from "
                                "%"PRIu32" to %d", name, old,
                                atoi(node->value));
                    error = EINVAL;
                    goto next_destroy_port;
                }
            } else if (node->value[0] == '\0') {
                smap_remove(&args, node->key);
            } else {
                smap_replace(&args, node->key, node->value);
            }
        }

        error = netdev_set_config(netdev, &args, NULL);
        if (error) {
            dpctl_error(p, error, "%s: failed to configure network device",
                        name);
        }

    next_destroy_port:
        dpif_port_destroy(&dpif_port);
    next:
        netdev_close(netdev);
        if (error) {
            lasterror = error;
        }
        free(name);
        smap_destroy(&new_args);
        smap_destroy(&args);
    }
    dpif_close(dpif);
    return lasterror;
}

/* Finds the port named 'name' (or numbered 'name') in 'dpif' and stores
 * its number in '*port'.  Returns true if found. */
static bool
get_port_number(struct dpif *dpif, const char *name, odp_port_t *port,
                struct dpctl_params *p)
{
    struct dpif_port dpif_port;

    if (!dpif_port_query_by_name(dpif, name, &dpif_port)) {
        *port = dpif_port.port_no;
        dpif_port_destroy(&dpif_port);
        return true;
    }
    dpctl_error(p, 0, "no port named %s", name);
    return false;
}

static int
dpctl_del_if(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpif *dpif;
    int lasterror = 0;
    int error;

    error = parsed_dpif_open(argv[1], false, &dpif);
    if (error) {
        dpctl_error(p, error, "opening datapath");
        return error;
    }
    for (int i = 2; i < argc; i++) {
        const char *name = argv[i];
        odp_port_t port;

        if (!name[strspn(name, "0123456789")]) {
            port = u32_to_odp(atoi(name));
        } else if (!get_port_number(dpif, name, &port, p)) {
            lasterror = EINVAL;
            continue;
        }

        error = dpif_port_del(dpif, port, false);
        if (error) {
            dpctl_error(p, error, "deleting port %s from %s failed", name,
                        argv[1]);
            lasterror = error;
        }
    }
    dpif_close(dpif);
    return lasterror;
}

/* Appends " (KiB/MiB/GiB)" for 'bytes' of at least 1 KiB. */
static void
print_human_size(struct ds *ds, uint64_t bytes)
{
    if (bytes >= 1024ULL * 1024 * 1024) {
        ds_put_format(ds, " (%.1f GiB)",
                      bytes / (1024.0 * 1024.0 * 1024.0));
    } else if (bytes >= 1024 * 1024) {
        ds_put_format(ds, " (%.1f MiB)", bytes / (1024.0 * 1024.0));
    } else if (bytes >= 1024) {
        ds_put_format(ds, " (%.1f KiB)", bytes / 1024.0);
    }
}

/* Appends 'label', then 'value' or "?" if it is UINT64_MAX. */
static void
print_stat(struct ds *ds, const char *label, uint64_t value)
{
    ds_put_cstr(ds, label);
    if (value == UINT64_MAX) {
        ds_put_char(ds, '?');
    } else {
        ds_put_format(ds, "%"PRIu64, value);
    }
}

static void
show_port_stats(struct ds *ds, const struct netdev_stats *s)
{
    print_stat(ds, "    RX packets:", s->rx_packets);
    print_stat(ds, " errors:", s->rx_errors);
    print_stat(ds, " dropped:", s->rx_dropped);
    print_stat(ds, " overruns:", s->rx_over_errors);
    print_stat(ds, " frame:", s->rx_frame_errors);
    ds_put_char(ds, '\n');

    print_stat(ds, "    TX packets:", s->tx_packets);
    print_stat(ds, " errors:", s->tx_errors);
    print_stat(ds, " dropped:", s->tx_dropped);
    print_stat(ds, " aborted:", s->tx_aborted_errors);
    print_stat(ds, " carrier:", s->tx_carrier_errors);
    ds_put_char(ds, '\n');

    print_stat(ds, "    collisions:", s->collisions);
    ds_put_char(ds, '\n');

    print_stat(ds, "    RX bytes:", s->rx_bytes);
    print_human_size(ds, s->rx_bytes);
    print_stat(ds, "  TX bytes:", s->tx_bytes);
    print_human_size(ds, s->tx_bytes);
    ds_put_char(ds, '\n');
}

static int
compare_port_nos(const void *a_, const void *b_)
{
    const struct dpif_port *a = a_;
    const struct dpif_port *b = b_;
    uint32_t pa = odp_to_u32(a->port_no);
    uint32_t pb = odp_to_u32(b->port_no);

    return pa < pb ? -1 : pa > pb;
}

/* Prints the "show" output for 'dpif'. */
static void
show_dpif(struct dpif *dpif, struct dpctl_params *p)
{
    struct dpif_port_dump dump;
    struct dpif_port dpif_port;
    struct dpif_port *ports = NULL;
    size_t n_ports = 0, allocated = 0;
    struct dpif_dp_stats stats;
    struct ds ds = DS_EMPTY_INITIALIZER;

    ds_put_format(&ds, "%s:\n", dpif_name(dpif));
    if (!dpif_get_dp_stats(dpif, &stats)) {
        ds_put_format(&ds, "  lookups: hit:%"PRIu64" missed:%"PRIu64
                      " lost:%"PRIu64"\n  flows: %"PRIu64"\n",
                      stats.n_hit, stats.n_missed, stats.n_lost,
                      stats.n_flows);
        if (stats.n_masks != UINT32_MAX) {
            uint64_t n_pkts = stats.n_hit + stats.n_missed;
            double avg = n_pkts ? (double) stats.n_mask_hit / n_pkts : 0.0;

            ds_put_format(&ds, "  masks: hit:%"PRIu64" total:%"PRIu32
                          " hit/pkt:%.2f\n",
                          stats.n_mask_hit, stats.n_masks, avg);
        }
    }
    if (dpif->dpif_class->show_extra) {
        dpif->dpif_class->show_extra(dpif, &ds);
    }

    DPIF_PORT_FOR_EACH (&dpif_port, &dump, dpif) {
        if (n_ports >= allocated) {
            ports = x2nrealloc(ports, &allocated, sizeof *ports);
        }
        dpif_port_clone(&ports[n_ports++], &dpif_port);
    }
    if (n_ports) {
        qsort(ports, n_ports, sizeof *ports, compare_port_nos);
    }

    for (size_t i = 0; i < n_ports; i++) {
        const struct dpif_port *port = &ports[i];
        struct netdev *netdev = NULL;
        int error = 0;

        ds_put_format(&ds, "  port %"PRIu32": %s",
                      odp_to_u32(port->port_no), port->name);
        if (strcmp(port->type, "system")) {
            ds_put_format(&ds, " (%s", port->type);
            /* An internal port has no configuration to show (and in this
             * tree opening one as "internal" attaches a tap device). */
            error = (strcmp(port->type, "internal")
                     ? netdev_open(port->name, port->type, &netdev)
                     : 0);
            if (!error && netdev) {
                struct smap config = SMAP_INITIALIZER(&config);

                error = netdev_get_config(netdev, &config);
                if (!error) {
                    const struct smap_node **nodes = smap_sort(&config);

                    for (size_t j = 0; j < smap_count(&config); j++) {
                        ds_put_format(&ds, "%s%s=%s", j ? ", " : ": ",
                                      nodes[j]->key, nodes[j]->value);
                    }
                    free(nodes);
                } else {
                    ds_put_format(&ds, ", could not retrieve configuration "
                                  "(%s)", ovs_strerror(error));
                }
                smap_destroy(&config);
            } else if (error) {
                ds_put_format(&ds, ": open failed (%s)",
                              ovs_strerror(error));
            }
            ds_put_char(&ds, ')');
        }
        ds_put_char(&ds, '\n');

        if (p->print_statistics) {
            struct netdev_stats s;

            if (!netdev && !error) {
                /* Every port of the kernel datapath is a kernel network
                 * device: read its counters as such. */
                error = netdev_open(port->name,
                                    (strcmp(dpif_type(dpif), "system")
                                     ? port->type : "system"),
                                    &netdev);
                if (error) {
                    ds_put_format(&ds, "    open failed (%s)\n",
                                  ovs_strerror(error));
                }
            }
            if (netdev) {
                error = netdev_get_stats(netdev, &s);
                if (!error) {
                    show_port_stats(&ds, &s);
                } else {
                    ds_put_format(&ds, "    could not retrieve stats (%s)\n",
                                  ovs_strerror(error));
                }
            }
        }
        netdev_close(netdev);
    }
    for (size_t i = 0; i < n_ports; i++) {
        dpif_port_destroy(&ports[i]);
    }
    free(ports);

    dpctl_puts(p, false, ds_cstr(&ds));
    ds_destroy(&ds);
}

/* Calls 'cb' for each datapath of every type, in sorted order.  Returns
 * the last enumeration error, or 0 if there was none or if 'cb' was called
 * for at least one datapath (Open vSwitch reports a type that cannot be
 * enumerated, such as "system" without the kernel module, only when no
 * datapath at all was found). */
static int
for_each_dp(struct dpctl_params *p,
            void (*cb)(struct dpctl_params *, const char *type,
                       const char *name, int *errorp),
            int *errorp)
{
    struct sset types;
    const char **type_list;
    size_t n_dps = 0;
    int lasterror = 0;

    sset_init(&types);
    dp_enumerate_types(&types);
    type_list = sset_sort(&types);
    for (size_t i = 0; i < sset_count(&types); i++) {
        struct sset names;
        int error;

        sset_init(&names);
        error = dp_enumerate_names(type_list[i], &names);
        if (error) {
            lasterror = error;
        } else {
            const char **name_list = sset_sort(&names);

            for (size_t j = 0; j < sset_count(&names); j++) {
                cb(p, type_list[i], name_list[j], errorp);
                n_dps++;
            }
            free(name_list);
        }
        sset_destroy(&names);
    }
    free(type_list);
    sset_destroy(&types);
    return n_dps ? 0 : lasterror;
}

static void
show_one_dp(struct dpctl_params *p, const char *type, const char *name,
            int *errorp)
{
    struct dpif *dpif;
    int error;

    error = dpif_open(name, type, &dpif);
    if (!error) {
        show_dpif(dpif, p);
        dpif_close(dpif);
    } else {
        dpctl_error(p, error, "opening datapath %s failed", name);
        *errorp = error;
    }
}

static int
dpctl_show(int argc, const char *argv[], struct dpctl_params *p)
{
    int lasterror = 0;

    if (argc > 1) {
        for (int i = 1; i < argc; i++) {
            struct dpif *dpif;
            int error;

            error = parsed_dpif_open(argv[i], false, &dpif);
            if (!error) {
                show_dpif(dpif, p);
                dpif_close(dpif);
            } else {
                dpctl_error(p, error, "opening datapath %s failed", argv[i]);
                lasterror = error;
            }
        }
    } else {
        int error = for_each_dp(p, show_one_dp, &lasterror);

        if (error) {
            lasterror = error;
        }
    }
    return lasterror;
}

static void
print_one_dp(struct dpctl_params *p, const char *type, const char *name,
             int *errorp OVS_UNUSED)
{
    dpctl_print(p, "%s@%s\n", type, name);
}

static int
dpctl_dump_dps(int argc OVS_UNUSED, const char *argv[] OVS_UNUSED,
               struct dpctl_params *p)
{
    int lasterror = 0;
    int error = for_each_dp(p, print_one_dp, &lasterror);

    return error ? error : lasterror;
}

/* Flows. */

/* Opens the datapath named 'dp_arg', or if it is NULL, the only datapath
 * that exists.  Returns 0 or a positive errno (after reporting it). */
static int
opt_dpif_open(const char *dp_arg, struct dpctl_params *p,
              struct dpif **dpifp)
{
    char *dp_name = NULL;
    int error;

    if (dp_arg) {
        dp_name = xstrdup(dp_arg);
    } else {
        struct sset types, names;
        const char *type;
        int n = 0;

        sset_init(&types);
        dp_enumerate_types(&types);
        SSET_FOR_EACH (type, &types) {
            sset_init(&names);
            if (!dp_enumerate_names(type, &names) && sset_count(&names)) {
                const char **name_list = sset_sort(&names);

                if (!n) {
                    dp_name = xasprintf("%s@%s", type, name_list[0]);
                }
                n += sset_count(&names);
                free(name_list);
            }
            sset_destroy(&names);
        }
        sset_destroy(&types);

        if (n == 0) {
            dpctl_error(p, 0, "no datapaths exist");
        } else if (n > 1) {
            dpctl_error(p, 0, "multiple datapaths, specify one");
            free(dp_name);
            dp_name = NULL;
        }
    }

    if (!dp_name) {
        dpctl_error(p, EINVAL, "datapath not found");
        return EINVAL;
    }
    error = parsed_dpif_open(dp_name, false, dpifp);
    free(dp_name);
    if (error) {
        dpctl_error(p, EINVAL, "datapath not found");
        return EINVAL;
    }
    return 0;
}

/* Port name maps of 'dpif': names to numbers for parsing ('names' may be
 * NULL) and numbers to names for printing ('portno_names' may be NULL). */
static void
dpctl_port_maps(struct dpif *dpif, struct simap *names,
                struct hmap *portno_names)
{
    struct dpif_port_dump dump;
    struct dpif_port dpif_port;

    DPIF_PORT_FOR_EACH (&dpif_port, &dump, dpif) {
        if (names) {
            simap_put(names, dpif_port.name, odp_to_u32(dpif_port.port_no));
        }
        if (portno_names) {
            odp_portno_names_set(portno_names, dpif_port.port_no,
                                 dpif_port.name);
        }
    }
}

static bool
dpctl_use_names(const struct dpctl_params *p)
{
    return p->names_set ? p->names : p->verbosity > 0;
}

/* Formats 'f' as one line of dump-flows output into 'ds'. */
static void
format_dpif_flow(struct ds *ds, const struct dpif_flow *f,
                 const struct hmap *portno_names, struct dpctl_params *p)
{
    if (p->verbosity && f->ufid_present) {
        dpctl_format_ufid(&f->ufid, ds);
        ds_put_cstr(ds, ", ");
    }
    odp_flow_format(f->key, f->key_len, f->mask, f->mask_len, portno_names,
                    ds, p->verbosity > 0);
    ds_put_cstr(ds, ", ");
    dpif_flow_stats_format(&f->stats, ds);
    if (p->verbosity && f->attrs.dp_layer) {
        ds_put_format(ds, ", dp:%s", f->attrs.dp_layer);
    }
    if (p->verbosity && f->attrs.offloaded) {
        ds_put_cstr(ds, ", offloaded:yes");
    }
    ds_put_cstr(ds, ", actions:");
    format_odp_actions(ds, f->actions, f->actions_len, portno_names);
}

/* Which flows dump-flows shows, by where they run. */
enum dump_type {
    DUMP_ALL,                   /* Every flow. */
    DUMP_SOFTWARE,              /* Only flows not offloaded. */
    DUMP_OFFLOADED              /* Only offloaded flows. */
};

static bool
parse_dump_type(const char *s, enum dump_type *type)
{
    char *copy = xstrdup(s);
    char *save = NULL;
    bool ok = true;
    bool sw = false, hw = false;

    for (char *t = strtok_r(copy, ",", &save); t;
         t = strtok_r(NULL, ",", &save)) {
        if (!strcmp(t, "ovs") || !strcmp(t, "non-offloaded")) {
            sw = true;
        } else if (!strcmp(t, "tc") || !strcmp(t, "dpdk")
                   || !strcmp(t, "offloaded")
                   || !strcmp(t, "partially-offloaded")) {
            hw = true;
        } else if (!strcmp(t, "all")) {
            sw = hw = true;
        } else {
            ok = false;
        }
    }
    free(copy);
    *type = (sw == hw ? DUMP_ALL : sw ? DUMP_SOFTWARE : DUMP_OFFLOADED);
    return ok;
}

static int
dpctl_dump_flows(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpif_flow_dump_thread *thread;
    struct dpif_flow_dump_types types;
    struct dpif_flow_dump *dump;
    enum dump_type dump_type = DUMP_ALL;
    struct flow_wildcards wc_filter;
    struct flow flow_filter;
    bool has_filter = false;
    const char *dp_arg = NULL;
    struct hmap portno_names;
    struct dpif_flow f;
    struct dpif *dpif;
    bool is_userspace;
    bool header_printed = false;
    unsigned last_pmd = 0;
    struct ds ds;
    int error;

    for (int i = 1; i < argc; i++) {
        if (!strncmp(argv[i], "filter=", 7)) {
            char *err = parse_ofp_exact_flow(&flow_filter, &wc_filter, NULL,
                                             argv[i] + 7, NULL);
            if (err) {
                dpctl_error(p, 0, "Failed to parse filter (%s)", err);
                free(err);
                return EINVAL;
            }
            has_filter = true;
        } else if (!strncmp(argv[i], "type=", 5)) {
            if (!parse_dump_type(argv[i] + 5, &dump_type)) {
                dpctl_error(p, EINVAL, "Failed to parse type (%s)",
                            argv[i] + 5);
                return EINVAL;
            }
        } else {
            dp_arg = argv[i];
        }
    }

    error = opt_dpif_open(dp_arg, p, &dpif);
    if (error) {
        return error;
    }

    hmap_init(&portno_names);
    if (dpctl_use_names(p)) {
        dpctl_port_maps(dpif, NULL, &portno_names);
    }
    is_userspace = strcmp(dpif_type(dpif), "system") != 0;

    types.ovs_flows = dump_type != DUMP_OFFLOADED;
    types.netdev_flows = dump_type != DUMP_SOFTWARE;
    ds_init(&ds);
    dump = dpif_flow_dump_create(dpif, false, &types);
    thread = dpif_flow_dump_thread_create(dump);
    while (dpif_flow_dump_next(thread, &f, 1)) {
        if ((dump_type == DUMP_SOFTWARE && f.attrs.offloaded)
            || (dump_type == DUMP_OFFLOADED && !f.attrs.offloaded)) {
            continue;
        }
        if (has_filter) {
            /* A flow passes if some packet could match both it and the
             * filter: they agree wherever both look. */
            struct flow_wildcards wc;
            struct flow flow;

            if (odp_flow_key_to_flow(f.key, f.key_len, &flow, NULL)
                == ODP_FIT_ERROR) {
                continue;
            }
            if (f.mask) {
                odp_flow_key_to_mask(f.mask, f.mask_len, &wc, &flow, NULL);
            } else {
                flow_wildcards_init_exact(&wc);
            }
            flow_wildcards_and(&wc, &wc, &wc_filter);
            if (!flow_equal_except(&flow, &flow_filter, &wc)) {
                continue;
            }
        }
        ds_clear(&ds);
        if (is_userspace && (!header_printed || f.pmd_id != last_pmd)) {
            if (f.pmd_id == NON_PMD_CORE_ID) {
                ds_put_cstr(&ds, "flow-dump from the main thread:\n");
            } else {
                ds_put_format(&ds, "flow-dump from pmd on cpu core: %u\n",
                              f.pmd_id);
            }
            header_printed = true;
            last_pmd = f.pmd_id;
        }
        format_dpif_flow(&ds, &f, &portno_names, p);
        ds_put_char(&ds, '\n');
        dpctl_puts(p, false, ds_cstr(&ds));
    }
    dpif_flow_dump_thread_destroy(thread);
    error = dpif_flow_dump_destroy(dump);
    if (error) {
        dpctl_error(p, error, "Failed to dump flows from datapath");
    }
    ds_destroy(&ds);
    odp_portno_names_destroy(&portno_names);
    hmap_destroy(&portno_names);
    dpif_close(dpif);
    return error;
}

/* Parses "[ufid:UUID,]FLOW" in 'key_s' into 'key' and 'mask' (using the
 * port names of 'dpif'), and the UFID if any into '*ufid' with
 * '*ufid_present'.  Returns 0 or a positive errno (after reporting it). */
static int
dpctl_parse_flow(struct dpif *dpif, const char *key_s, struct ofpbuf *key,
                 struct ofpbuf *mask, ovs_u128 *ufid, bool *ufid_present,
                 struct dpctl_params *p)
{
    struct simap names = SIMAP_INITIALIZER(&names);
    char *errorp = NULL;
    int n, error;

    *ufid_present = false;
    n = dpctl_ufid_from_string(key_s, ufid);
    if (n < 0) {
        dpctl_error(p, -n, "parsing flow ufid");
        return -n;
    } else if (n) {
        *ufid_present = true;
        key_s += n;
        key_s += strspn(key_s, ", ");
    }

    dpctl_port_maps(dpif, &names, NULL);
    error = odp_flow_from_string(key_s, &names, key, mask, &errorp);
    simap_destroy(&names);
    if (error) {
        if (errorp) {
            dpctl_error(p, error, "parsing flow key (%s)", errorp);
        } else {
            dpctl_error(p, error, "parsing flow key");
        }
        free(errorp);
        return error;
    }
    free(errorp);
    return 0;
}

static int
dpctl_put_flow(int argc, const char *argv[], enum dpif_flow_put_flags flags,
               struct dpctl_params *p)
{
    const char *key_s = argv[argc - 2];
    const char *actions_s = argv[argc - 1];
    struct dpif_flow_stats stats;
    struct ofpbuf key, mask, actions;
    struct simap names = SIMAP_INITIALIZER(&names);
    bool ufid_present;
    struct dpif *dpif;
    ovs_u128 ufid;
    int error;

    error = opt_dpif_open(argc == 4 ? argv[1] : NULL, p, &dpif);
    if (error) {
        return error;
    }

    ofpbuf_init(&key, 0);
    ofpbuf_init(&mask, 0);
    ofpbuf_init(&actions, 0);
    error = dpctl_parse_flow(dpif, key_s, &key, &mask, &ufid, &ufid_present,
                             p);
    if (error) {
        goto out;
    }

    dpctl_port_maps(dpif, &names, NULL);
    error = odp_actions_from_string(actions_s, &names, &actions);
    if (error) {
        dpctl_error(p, error, "parsing actions");
        goto out;
    }

    memset(&stats, 0, sizeof stats);
    error = dpif_flow_put(dpif, flags, key.data, key.size,
                          mask.size ? mask.data : NULL, mask.size,
                          actions.data, actions.size,
                          ufid_present ? &ufid : NULL, PMD_ID_NULL,
                          p->print_statistics ? &stats : NULL);
    if (error) {
        dpctl_error(p, error, "updating flow table");
        goto out;
    }

    if (p->print_statistics) {
        struct ds s = DS_EMPTY_INITIALIZER;

        dpif_flow_stats_format(&stats, &s);
        ds_put_char(&s, '\n');
        dpctl_puts(p, false, ds_cstr(&s));
        ds_destroy(&s);
    }

out:
    simap_destroy(&names);
    ofpbuf_uninit(&key);
    ofpbuf_uninit(&mask);
    ofpbuf_uninit(&actions);
    dpif_close(dpif);
    return error;
}

static int
dpctl_add_flow(int argc, const char *argv[], struct dpctl_params *p)
{
    return dpctl_put_flow(argc, argv, DPIF_FP_CREATE, p);
}

static int
dpctl_mod_flow(int argc, const char *argv[], struct dpctl_params *p)
{
    enum dpif_flow_put_flags flags = DPIF_FP_MODIFY;

    if (p->may_create) {
        flags |= DPIF_FP_CREATE;
    }
    if (p->zero_statistics) {
        flags |= DPIF_FP_ZERO_STATS;
    }
    return dpctl_put_flow(argc, argv, flags, p);
}

static int
dpctl_get_flow(int argc, const char *argv[], struct dpctl_params *p)
{
    const char *key_s = argv[argc - 1];
    struct hmap portno_names;
    struct dpif_flow flow;
    struct ofpbuf buf;
    struct dpif *dpif;
    ovs_u128 ufid;
    int error;

    error = opt_dpif_open(argc == 3 ? argv[1] : NULL, p, &dpif);
    if (error) {
        return error;
    }

    if (dpctl_ufid_from_string(key_s, &ufid) <= 0) {
        /* Open vSwitch reports this without failing the command. */
        dpctl_error(p, 0, "parsing flow ufid");
        dpif_close(dpif);
        return 0;
    }

    hmap_init(&portno_names);
    if (dpctl_use_names(p)) {
        dpctl_port_maps(dpif, NULL, &portno_names);
    }
    ofpbuf_init(&buf, 1024);
    error = dpif_flow_get(dpif, NULL, 0, &ufid, PMD_ID_NULL, &buf, &flow);
    if (error) {
        dpctl_error(p, error, "getting flow");
    } else {
        struct ds ds = DS_EMPTY_INITIALIZER;

        format_dpif_flow(&ds, &flow, &portno_names, p);
        ds_put_char(&ds, '\n');
        dpctl_puts(p, false, ds_cstr(&ds));
        ds_destroy(&ds);
    }
    ofpbuf_uninit(&buf);
    odp_portno_names_destroy(&portno_names);
    hmap_destroy(&portno_names);
    dpif_close(dpif);
    return error;
}

static int
dpctl_del_flow(int argc, const char *argv[], struct dpctl_params *p)
{
    const char *key_s = argv[argc - 1];
    struct dpif_flow_stats stats;
    struct ofpbuf key, mask;
    bool ufid_present;
    struct dpif *dpif;
    ovs_u128 ufid;
    int error;

    error = opt_dpif_open(argc == 3 ? argv[1] : NULL, p, &dpif);
    if (error) {
        return error;
    }

    ofpbuf_init(&key, 0);
    ofpbuf_init(&mask, 0);
    error = dpctl_parse_flow(dpif, key_s, &key, &mask, &ufid, &ufid_present,
                             p);
    if (error) {
        goto out;
    }

    memset(&stats, 0, sizeof stats);
    error = dpif_flow_del(dpif, key.size ? key.data : NULL, key.size,
                          ufid_present ? &ufid : NULL, PMD_ID_NULL,
                          p->print_statistics ? &stats : NULL);
    if (error) {
        dpctl_error(p, error, "deleting flow");
        if (error == ENOENT && !ufid_present) {
            dpctl_puts(p, false, "Perhaps you need to specify a UFID?\n");
        }
        goto out;
    }

    if (p->print_statistics) {
        struct ds s = DS_EMPTY_INITIALIZER;

        dpif_flow_stats_format(&stats, &s);
        ds_put_char(&s, '\n');
        dpctl_puts(p, false, ds_cstr(&s));
        ds_destroy(&s);
    }

out:
    ofpbuf_uninit(&key);
    ofpbuf_uninit(&mask);
    dpif_close(dpif);
    return error;
}

/* What a line of a flow file does. */
enum flow_file_cmd {
    FLOW_FILE_ADD,              /* "add" (the default of add-flows). */
    FLOW_FILE_MODIFY,           /* "modify" (the default of mod-flows). */
    FLOW_FILE_DELETE            /* "delete" (the default of del-flows). */
};

/* Applies one parsed line of a flow file to 'dpif'. */
static void
process_flow_line(struct dpif *dpif, enum flow_file_cmd cmd,
                  const char *key_s, const char *actions_s,
                  struct dpctl_params *p)
{
    struct simap names = SIMAP_INITIALIZER(&names);
    struct ofpbuf key, mask, actions;
    bool ufid_present;
    ovs_u128 ufid;
    int error;

    ofpbuf_init(&key, 0);
    ofpbuf_init(&mask, 0);
    ofpbuf_init(&actions, 0);
    if (dpctl_parse_flow(dpif, key_s, &key, &mask, &ufid, &ufid_present,
                         p)) {
        goto out;
    }

    if (cmd == FLOW_FILE_DELETE) {
        error = dpif_flow_del(dpif, key.size ? key.data : NULL, key.size,
                              ufid_present ? &ufid : NULL, PMD_ID_NULL,
                              NULL);
        if (error) {
            dpctl_error(p, error, "deleting flow");
        }
        goto out;
    }

    dpctl_port_maps(dpif, &names, NULL);
    error = odp_actions_from_string(actions_s, &names, &actions);
    if (error) {
        dpctl_error(p, error, "parsing actions");
        goto out;
    }

    enum dpif_flow_put_flags flags = DPIF_FP_CREATE;
    if (cmd == FLOW_FILE_MODIFY) {
        flags = (DPIF_FP_MODIFY
                 | (p->may_create ? DPIF_FP_CREATE : 0)
                 | (p->zero_statistics ? DPIF_FP_ZERO_STATS : 0));
    }
    error = dpif_flow_put(dpif, flags, key.data, key.size,
                          mask.size ? mask.data : NULL, mask.size,
                          actions.data, actions.size,
                          ufid_present ? &ufid : NULL, PMD_ID_NULL, NULL);
    if (error) {
        dpctl_error(p, error, "updating flow table");
    }

out:
    simap_destroy(&names);
    ofpbuf_uninit(&key);
    ofpbuf_uninit(&mask);
    ofpbuf_uninit(&actions);
}

/* add-flows, mod-flows and del-flows with a FILE: each line of the file
 * is "[add|modify|delete] FLOW [ACTIONS]" ('default_cmd' if the word is
 * missing); '#' starts a comment.  Like Open vSwitch, reports errors line
 * by line and still succeeds. */
static int
dpctl_process_flow_file(const char *dp_arg, const char *file_name,
                        enum flow_file_cmd default_cmd,
                        struct dpctl_params *p)
{
    struct ds line = DS_EMPTY_INITIALIZER;
    struct dpif *dpif;
    int line_number = 0;
    FILE *stream;
    int error;

    stream = !strcmp(file_name, "-") ? stdin : fopen(file_name, "r");
    if (!stream) {
        dpctl_error(p, errno, "Opening file \"%s\" failed", file_name);
        return 0;
    }

    error = opt_dpif_open(dp_arg, p, &dpif);
    if (error) {
        if (stream != stdin) {
            fclose(stream);
        }
        return error;
    }

    while (!ds_get_preprocessed_line(&line, stream, &line_number)) {
        char *save = NULL;
        char *word = strtok_r(ds_cstr(&line), " \t", &save);
        enum flow_file_cmd cmd = default_cmd;
        char *key_s, *actions_s;

        if (!word) {
            continue;
        }
        if (!strcmp(word, "add")) {
            cmd = FLOW_FILE_ADD;
            word = strtok_r(NULL, " \t", &save);
        } else if (!strcmp(word, "modify")) {
            cmd = FLOW_FILE_MODIFY;
            word = strtok_r(NULL, " \t", &save);
        } else if (!strcmp(word, "delete")) {
            cmd = FLOW_FILE_DELETE;
            word = strtok_r(NULL, " \t", &save);
        }
        key_s = word;
        actions_s = key_s ? strtok_r(NULL, " \t", &save) : NULL;
        if (!key_s || (cmd != FLOW_FILE_DELETE && !actions_s)) {
            dpctl_error(p, 0, "Failed parsing line number %d, skipped!",
                        line_number);
            continue;
        }
        process_flow_line(dpif, cmd, key_s, actions_s, p);
    }

    if (stream != stdin) {
        fclose(stream);
    }
    ds_destroy(&line);
    dpif_close(dpif);
    return 0;
}

static int
dpctl_add_flows(int argc, const char *argv[], struct dpctl_params *p)
{
    return dpctl_process_flow_file(argc == 3 ? argv[1] : NULL,
                                   argv[argc - 1], FLOW_FILE_ADD, p);
}

static int
dpctl_mod_flows(int argc, const char *argv[], struct dpctl_params *p)
{
    return dpctl_process_flow_file(argc == 3 ? argv[1] : NULL,
                                   argv[argc - 1], FLOW_FILE_MODIFY, p);
}

static int
dpctl_del_flows(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpif *dpif;
    int error;

    if (argc == 3) {
        return dpctl_process_flow_file(argv[1], argv[2], FLOW_FILE_DELETE,
                                       p);
    } else if (argc == 2 && parsed_dpif_open(argv[1], false, &dpif)) {
        /* Not a datapath: a file of flows to delete. */
        return dpctl_process_flow_file(NULL, argv[1], FLOW_FILE_DELETE, p);
    } else if (argc == 2) {
        dpif_close(dpif);
    }

    error = opt_dpif_open(argc == 2 ? argv[1] : NULL, p, &dpif);
    if (error) {
        return error;
    }
    error = dpif_flow_flush(dpif);
    if (error) {
        dpctl_error(p, error, "deleting all flows");
    }
    dpif_close(dpif);
    return error;
}

static int
dpctl_help(int argc OVS_UNUSED, const char *argv[] OVS_UNUSED,
           struct dpctl_params *p)
{
    if (p->usage) {
        p->usage(p->aux);
    }
    return 0;
}

static int
dpctl_list_commands(int argc OVS_UNUSED, const char *argv[] OVS_UNUSED,
                    struct dpctl_params *p)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    for (const struct dpctl_command *c = get_all_dpctl_commands(); c->name;
         c++) {
        ds_put_format(&ds, "  %s%s%s\n", c->name, c->usage[0] ? " " : "",
                      c->usage);
    }
    dpctl_puts(p, false, ds_cstr(&ds));
    ds_destroy(&ds);
    return 0;
}

static const struct dpctl_command all_commands[] = {
    { "add-dp", "dp [iface...]", 1, INT_MAX, dpctl_add_dp, false },
    { "del-dp", "dp", 1, 1, dpctl_del_dp, false },
    { "add-if", "dp iface...", 2, INT_MAX, dpctl_add_if, false },
    { "del-if", "dp iface...", 2, INT_MAX, dpctl_del_if, false },
    { "set-if", "dp iface...", 2, INT_MAX, dpctl_set_if, false },
    { "dump-dps", "", 0, 0, dpctl_dump_dps, true },
    { "show", "[-s] [dp...]", 0, INT_MAX, dpctl_show, true },
    { "dump-flows", "[-m] [--names] [dp] [filter=..] [type=..]",
      0, 6, dpctl_dump_flows, true },
    { "add-flow", "[dp] flow actions", 2, 3, dpctl_add_flow, false },
    { "mod-flow", "[dp] flow actions", 2, 3, dpctl_mod_flow, false },
    { "get-flow", "[dp] ufid", 1, 2, dpctl_get_flow, true },
    { "del-flow", "[dp] flow", 1, 2, dpctl_del_flow, false },
    { "add-flows", "[dp] file", 1, 2, dpctl_add_flows, false },
    { "mod-flows", "[dp] file", 1, 2, dpctl_mod_flows, false },
    { "del-flows", "[dp] [file]", 0, 2, dpctl_del_flows, false },
    { "help", "", 0, INT_MAX, dpctl_help, true },
    { "list-commands", "", 0, INT_MAX, dpctl_list_commands, true },
    { NULL, NULL, 0, 0, NULL, false },
};

static const struct dpctl_command *
get_all_dpctl_commands(void)
{
    return all_commands;
}

int
dpctl_run_command(int argc, const char *argv[], struct dpctl_params *p)
{
    const struct dpctl_command *c;

    if (argc < 1) {
        dpctl_error(p, 0, "missing command name; use --help for help");
        return EINVAL;
    }

    for (c = all_commands; c->name; c++) {
        if (!strcmp(c->name, argv[0])) {
            int n_arg = argc - 1;

            if (n_arg < c->min_args) {
                dpctl_error(p, 0, "'%s' command requires at least %d "
                            "arguments", c->name, c->min_args);
                return EINVAL;
            } else if (n_arg > c->max_args) {
                dpctl_error(p, 0, "'%s' command takes at most %d arguments",
                            c->name, c->max_args);
                return EINVAL;
            }
            if (p->read_only && !c->read_only) {
                dpctl_error(p, 0, "'%s' command does not work in read only "
                            "mode", c->name);
                return EINVAL;
            }
            return c->handler(argc, argv, p);
        }
    }

    dpctl_error(p, 0, "unknown command '%s'; use --help for help", argv[0]);
    return EINVAL;
}

/* unixctl ("ovs-appctl dpctl/..."). */

static void
dpctl_unixctl_output(void *aux, bool error OVS_UNUSED, const char *text)
{
    struct ds *ds = aux;

    ds_put_cstr(ds, text);
}

static void
dpctl_unixctl_handler(struct unixctl_conn *conn, int argc,
                      const char *argv[], void *aux)
{
    const struct dpctl_command *command = aux;
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct dpctl_params p = {
        .is_appctl = true,
        .output = dpctl_unixctl_output,
        .aux = &ds,
    };
    const char **args = xcalloc(argc + 1, sizeof *args);
    int n_args = 0;
    int error;

    /* The command name without "dpctl/", then the non-option arguments. */
    args[n_args++] = strchr(argv[0], '/') ? strchr(argv[0], '/') + 1
                                          : argv[0];
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];

        if (arg[0] != '-' || arg[1] == '\0') {
            args[n_args++] = arg;
        } else if (!strcmp(arg, "--statistics")) {
            p.print_statistics = true;
        } else if (!strcmp(arg, "--clear")) {
            p.zero_statistics = true;
        } else if (!strcmp(arg, "--may-create")) {
            p.may_create = true;
        } else if (!strcmp(arg, "--more")) {
            p.verbosity++;
        } else if (!strcmp(arg, "--names")) {
            p.names = true;
            p.names_set = true;
        } else if (!strcmp(arg, "--no-names")) {
            p.names = false;
            p.names_set = true;
        } else if (arg[1] != '-' && arg[strspn(arg + 1, "ms") + 1] == '\0') {
            for (const char *c = arg + 1; *c; c++) {
                if (*c == 'm') {
                    p.verbosity++;
                } else {
                    p.print_statistics = true;
                }
            }
        } else {
            ds_put_format(&ds, "Unrecognized option %s", arg);
            unixctl_command_reply_error(conn, ds_cstr(&ds));
            ds_destroy(&ds);
            free(args);
            return;
        }
    }

    error = command->handler(n_args, args, &p);
    if (error) {
        unixctl_command_reply_error(conn, ds_cstr(&ds));
    } else {
        unixctl_command_reply(conn, ds_cstr(&ds));
    }
    ds_destroy(&ds);
    free(args);
}

void
dpctl_unixctl_register(void)
{
    static bool registered;

    if (registered) {
        return;
    }
    registered = true;

    for (const struct dpctl_command *c = all_commands; c->name; c++) {
        char *cmd_name;

        if (!strcmp(c->name, "help") || !strcmp(c->name, "list-commands")) {
            continue;
        }
        cmd_name = xasprintf("dpctl/%s", c->name);
        unixctl_command_register(cmd_name, c->usage, c->min_args,
                                 c->max_args,
                                 dpctl_unixctl_handler,
                                 CONST_CAST(struct dpctl_command *, c));
        free(cmd_name);
    }
}
