/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ovs-testcontroller: a simple OpenFlow controller that makes each switch
 * connected to it a learning switch (lib/learning-switch.c). */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command-line.h"
#include "daemon.h"
#include "fatal-signal.h"
#include "learning-switch.h"
#include "openflow/openflow.h"
#include "openvswitch/ofp-flow.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/util.h"
#include "openvswitch/vconn.h"
#include "openvswitch/vlog.h"
#include "poll-loop.h"
#include "rconn.h"
#include "simap.h"
#include "stream-ssl.h"
#include "timeval.h"
#include "unixctl.h"

VLOG_DEFINE_THIS_MODULE(testcontroller);

/* The most switches served at once. */
#define MAX_SWITCHES 16

/* The most listeners. */
#define MAX_LISTENERS 16

/* One switch we control. */
struct switch_ {
    struct lswitch *lswitch;    /* The learning switch (owns its rconn). */
};

/* Options. */
static bool set_up_flows = true;        /* -n, --noflow clears it. */
static bool action_normal = false;      /* -N, --normal. */
static uint32_t wildcards = 0;          /* -w, --wildcards. */
static int max_idle = 60;               /* --max-idle. */
static bool mute = false;               /* --mute. */
static bool hub = false;                /* -H, --hub. */
static uint32_t default_queue = UINT32_MAX; /* -q, --queue. */
static struct simap port_queues = SIMAP_INITIALIZER(&port_queues);
static char *unixctl_path = NULL;       /* --unixctl. */
static const char *with_flows = NULL;   /* --with-flows. */
static uint32_t allowed_versions = 0;   /* -O, --protocols. */

/* Flows to set up on each switch (--with-flows). */
static struct ofputil_flow_mod *default_flows;
static size_t n_default_flows;
static enum ofputil_protocol usable_protocols;

static void parse_options(int argc, char *argv[]);
OVS_NO_RETURN static void usage(void);

/* Creates a learning switch on a new rconn that 'vconn' (if nonnull) or a
 * reliable connection to 'name' feeds. */
static struct lswitch *
new_switch(const char *name, struct vconn *vconn)
{
    struct lswitch_config cfg;
    struct rconn *rconn;

    rconn = rconn_create(60, 0, 0, allowed_versions);
    if (vconn) {
        rconn_connect_unreliably(rconn, vconn, NULL);
    } else {
        rconn_connect(rconn, name, name);
    }

    memset(&cfg, 0, sizeof cfg);
    cfg.mode = (action_normal ? LSW_NORMAL
                : hub ? LSW_FLOOD
                : LSW_LEARN);
    cfg.wildcards = wildcards;
    cfg.max_idle = set_up_flows ? max_idle : -1;
    cfg.default_flows = default_flows;
    cfg.n_default_flows = n_default_flows;
    cfg.usable_protocols = usable_protocols;
    cfg.default_queue = default_queue;
    cfg.port_queues = &port_queues;
    cfg.mute = mute;
    return lswitch_create(rconn, &cfg);
}

static void
testcontroller_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
                    const char *argv[] OVS_UNUSED, void *exiting_)
{
    bool *exiting = exiting_;
    *exiting = true;
    unixctl_command_reply(conn, NULL);
}

int
main(int argc, char *argv[])
{
    struct unixctl_server *unixctl;
    struct pvconn *listeners[MAX_LISTENERS];
    struct switch_ switches[MAX_SWITCHES];
    int n_listeners = 0, n_switches = 0;
    bool exiting = false;
    int retval;

    set_program_name(argv[0]);
    fatal_ignore_sigpipe();
    parse_options(argc, argv);

    if (with_flows) {
        char *error = parse_ofp_flow_mod_file(with_flows, NULL, NULL,
                                              OFPFC_ADD, &default_flows,
                                              &n_default_flows,
                                              &usable_protocols);
        if (error) {
            ovs_fatal(0, "%s", error);
        }
    }

    daemonize_start(false, false);

    /* With no METHOD, listen on the default OpenFlow port. */
    static char *default_methods[] = { "ptcp:" };
    char **methods = argc > optind ? &argv[optind] : default_methods;
    int n_methods = argc > optind ? argc - optind : 1;

    for (int i = 0; i < n_methods; i++) {
        const char *name = methods[i];

        if (!vconn_verify_name(name)) {
            if (n_switches >= MAX_SWITCHES) {
                ovs_fatal(0, "max %d switch connections", MAX_SWITCHES);
            }
            switches[n_switches++].lswitch = new_switch(name, NULL);
        } else if (!pvconn_verify_name(name)) {
            struct pvconn *pvconn;

            if (n_listeners >= MAX_LISTENERS) {
                ovs_fatal(0, "max %d passive connections", MAX_LISTENERS);
            }
            retval = pvconn_open(name, allowed_versions, 0, &pvconn);
            if (retval) {
                VLOG_ERR("%s: connect: %s", name, ovs_strerror(retval));
            } else {
                listeners[n_listeners++] = pvconn;
            }
        } else {
            VLOG_ERR("%s: unknown connection method", name);
        }
    }
    if (n_switches == 0 && n_listeners == 0) {
        ovs_fatal(0, "no active or passive switch connections");
    }

    retval = unixctl_server_create(unixctl_path, &unixctl);
    if (retval) {
        exit(EXIT_FAILURE);
    }
    unixctl_command_register("exit", "", 0, 0, testcontroller_exit,
                             &exiting);

    daemonize_complete();

    while (!exiting && (n_switches > 0 || n_listeners > 0)) {
        /* Accept connections on listening vconns. */
        for (int i = 0; i < n_listeners && n_switches < MAX_SWITCHES; ) {
            struct vconn *new_vconn;

            retval = pvconn_accept(listeners[i], &new_vconn);
            if (!retval || retval == EAGAIN) {
                if (!retval) {
                    switches[n_switches++].lswitch
                        = new_switch(vconn_get_name(new_vconn), new_vconn);
                }
                i++;
            } else {
                pvconn_close(listeners[i]);
                listeners[i] = listeners[--n_listeners];
            }
        }

        /* Do some switching work.  Limit the number of iterations so that
         * callbacks registered with the poll loop don't starve. */
        for (int i = 0; i < n_switches; ) {
            struct switch_ *this = &switches[i];
            lswitch_run(this->lswitch);
            if (lswitch_is_alive(this->lswitch)) {
                i++;
            } else {
                lswitch_destroy(this->lswitch);
                switches[i] = switches[--n_switches];
            }
        }

        unixctl_server_run(unixctl);

        /* Wait for something to happen. */
        if (n_switches < MAX_SWITCHES) {
            for (int i = 0; i < n_listeners; i++) {
                pvconn_wait(listeners[i]);
            }
        }
        for (int i = 0; i < n_switches; i++) {
            lswitch_wait(switches[i].lswitch);
        }
        unixctl_server_wait(unixctl);
        poll_block();
    }

    for (int i = 0; i < n_switches; i++) {
        lswitch_destroy(switches[i].lswitch);
    }
    for (int i = 0; i < n_listeners; i++) {
        pvconn_close(listeners[i]);
    }
    for (size_t i = 0; i < n_default_flows; i++) {
        ofputil_flow_mod_uninit(&default_flows[i]);
    }
    free(default_flows);
    simap_destroy(&port_queues);
    unixctl_server_destroy(unixctl);
    return 0;
}

/* Parses "-Q PORT:QUEUE" into 'port_queues'. */
static void
add_port_queue(char *s)
{
    char *save_ptr = NULL;
    char *port_name = strtok_r(s, ":", &save_ptr);
    char *queue_id = strtok_r(NULL, "", &save_ptr);

    if (!queue_id) {
        ovs_fatal(0, "argument to -Q or --port-queue should take the form "
                  "\"<port-name>:<queue-id>\"");
    }
    if (!simap_put(&port_queues, port_name, atoi(queue_id))) {
        ovs_fatal(0, "<port-name> arguments for -Q or --port-queue must "
                  "be unique");
    }
}

static void
parse_options(int argc, char *argv[])
{
    enum {
        OPT_MAX_IDLE = UCHAR_MAX + 1,
        OPT_PEER_CA_CERT,
        OPT_MUTE,
        OPT_WITH_FLOWS,
        OPT_UNIXCTL,
        VLOG_OPTION_ENUMS,
        DAEMON_OPTION_ENUMS,
        STREAM_SSL_OPTION_ENUMS,
    };
    static const struct option long_options[] = {
        {"hub",         no_argument, NULL, 'H'},
        {"noflow",      no_argument, NULL, 'n'},
        {"normal",      no_argument, NULL, 'N'},
        {"wildcards",   optional_argument, NULL, 'w'},
        {"max-idle",    required_argument, NULL, OPT_MAX_IDLE},
        {"mute",        no_argument, NULL, OPT_MUTE},
        {"queue",       required_argument, NULL, 'q'},
        {"port-queue",  required_argument, NULL, 'Q'},
        {"with-flows",  required_argument, NULL, OPT_WITH_FLOWS},
        {"unixctl",     required_argument, NULL, OPT_UNIXCTL},
        {"help",        no_argument, NULL, 'h'},
        {"version",     no_argument, NULL, 'V'},
        {"protocols",   required_argument, NULL, 'O'},
        DAEMON_LONG_OPTIONS,
        VLOG_LONG_OPTIONS,
        STREAM_SSL_LONG_OPTIONS,
        {"peer-ca-cert", required_argument, NULL, OPT_PEER_CA_CERT},
        {NULL, 0, NULL, 0},
    };
    char *short_options = ovs_cmdl_long_options_to_short_options(
        long_options);

    for (;;) {
        int indexptr;
        char *error;
        int c;

        c = getopt_long(argc, argv, short_options, long_options, &indexptr);
        if (c == -1) {
            break;
        }

        switch (c) {
        case 'H':
            hub = true;
            break;

        case 'n':
            set_up_flows = false;
            break;

        case OPT_MUTE:
            mute = true;
            break;

        case 'N':
            action_normal = true;
            break;

        case 'w':
            wildcards = optarg ? strtol(optarg, NULL, 16) : UINT32_MAX;
            break;

        case OPT_MAX_IDLE:
            if (!strcmp(optarg, "permanent")) {
                max_idle = OFP_FLOW_PERMANENT;
            } else {
                max_idle = atoi(optarg);
                if (max_idle < 1 || max_idle > 65535) {
                    ovs_fatal(0, "--max-idle argument must be between 1 "
                              "and 65535 or the word 'permanent'");
                }
            }
            break;

        case 'q':
            default_queue = atoi(optarg);
            break;

        case 'Q':
            add_port_queue(optarg);
            break;

        case OPT_WITH_FLOWS:
            with_flows = optarg;
            break;

        case OPT_UNIXCTL:
            unixctl_path = optarg;
            break;

        case 'h':
            usage();

        case 'V':
            printf("%s (Weft) %s\n", program_name, VERSION);
            exit(EXIT_SUCCESS);

        case 'O':
            allowed_versions = ofputil_versions_from_string(optarg);
            if (!allowed_versions) {
                ovs_fatal(0, "%s: invalid OpenFlow versions", optarg);
            }
            break;

        VLOG_OPTION_HANDLERS
        DAEMON_OPTION_HANDLERS
        STREAM_SSL_OPTION_HANDLERS

        case OPT_PEER_CA_CERT:
            stream_ssl_set_peer_ca_cert_file(optarg);
            break;

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
        (void) error;
    }
    free(short_options);

    if (!simap_is_empty(&port_queues) || default_queue != UINT32_MAX) {
        if (action_normal) {
            ovs_error(0, "queue IDs are incompatible with -N or --normal; "
                      "not using OFPP_NORMAL");
            action_normal = false;
        }
        if (hub) {
            ovs_error(0, "queue IDs are incompatible with -H or --hub; "
                      "not acting as hub");
            hub = false;
        }
    }
}

static void
usage(void)
{
    printf("%s: OpenFlow controller\n"
           "usage: %s [OPTIONS] METHOD\n"
           "where METHOD is any OpenFlow connection method.\n",
           program_name, program_name);
    vconn_usage(true, true, false);
    daemon_usage();
    vlog_usage();
    printf("\nOther options:\n"
           "  -H, --hub               act as hub instead of learning switch\n"
           "  -n, --noflow            pass traffic, but don't add flows\n"
           "  --max-idle=SECS         max idle time for new flows\n"
           "  -N, --normal            use OFPP_NORMAL action\n"
           "  -w, --wildcards[=MASK]  wildcard (specified) bits in flows\n"
           "  -q, --queue=QUEUE-ID    OpenFlow queue ID to use for output\n"
           "  -Q PORT-NAME:QUEUE-ID   use QUEUE-ID for frames from "
           "PORT-NAME\n"
           "  --with-flows FILE       use the flows from FILE\n"
           "  --unixctl=SOCKET        override default control socket "
           "name\n"
           "  -O, --protocols         set allowed OpenFlow versions\n"
           "  -h, --help              display this help message\n"
           "  -V, --version           display version information\n");
    exit(EXIT_SUCCESS);
}
