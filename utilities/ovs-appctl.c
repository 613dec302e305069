/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ovs-appctl: runs one command on a running daemon through its unixctl
 * control socket and prints the daemon's answer. */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "dirs.h"
#include "jsonrpc.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "timeval.h"
#include "unixctl.h"

static void usage(void) OVS_NO_RETURN;
static const char *parse_command_line(int argc, char *argv[]);
static struct jsonrpc *connect_to_target(const char *target);

int
main(int argc, char *argv[])
{
    char *cmd_result, *cmd_error;
    struct jsonrpc *client;
    const char *target;
    char **cmd_argv;
    int cmd_argc;
    char *cmd;
    int error;

    set_program_name(argv[0]);

    /* Parse command line and connect to target. */
    target = parse_command_line(argc, argv);
    client = connect_to_target(target);

    /* Transact request and process reply. */
    cmd = argv[optind++];
    cmd_argc = argc - optind;
    cmd_argv = cmd_argc ? argv + optind : NULL;
    error = unixctl_client_transact(client, cmd, cmd_argc, cmd_argv,
                                    &cmd_result, &cmd_error);
    if (error) {
        ovs_fatal(error, "%s: transaction error", target);
    }

    if (cmd_error) {
        jsonrpc_close(client);
        fputs(cmd_error, stderr);
        ovs_error(0, "%s: server returned an error", target);
        exit(2);
    } else if (cmd_result) {
        fputs(cmd_result, stdout);
    } else {
        OVS_NOT_REACHED();
    }

    jsonrpc_close(client);
    free(cmd_result);
    free(cmd_error);
    return 0;
}

/* Prints the usage message and exits successfully. */
static void
usage(void)
{
    printf("\
%s, for sending commands to running Weft (Open vSwitch) daemons\n\
usage: %s [TARGET] COMMAND [ARG...]\n\
Targets:\n\
  -t, --target=TARGET  the daemon to contact: a program name (looked up\n\
                       through its pid file in the run directory), or the\n\
                       absolute name of its control socket\n\
                       (default: ovs-vswitchd)\n\
Commands that every daemon understands:\n\
  list-commands      show the commands that the target supports\n\
  version            show the target's version\n\
  vlog/list          show the logging levels of each module\n\
  vlog/list-pattern  show the log message format of each destination\n\
  vlog/set [SPEC]    change logging levels; SPEC is a module name (all\n\
                     modules if omitted), a destination (syslog, console,\n\
                     file; all if omitted) and a level (off, emer, err,\n\
                     warn, info, dbg; dbg if omitted)\n\
  vlog/reopen        make the target reopen its log file\n\
Other options:\n\
  -T, --timeout=SECS give up (and exit) after SECS seconds\n\
  -h, --help         show this help and exit\n\
  -o, --option       list the long and short options and exit\n\
  -V, --version      show the version of %s and exit\n",
           program_name, program_name, program_name);
    exit(EXIT_SUCCESS);
}

/* Prints each of 'options' in the form "--name[=ARG]" and, for options with
 * a one-character equivalent, "-x [ARG]", one per line. */
static void
print_options(const struct option options[])
{
    for (const struct option *o = options; o->name; o++) {
        const char *arg = (o->has_arg == required_argument ? "ARG"
                           : o->has_arg == optional_argument ? "[ARG]"
                           : NULL);

        printf("--%s%s%s\n", o->name, arg ? "=" : "", arg ? arg : "");
        if (o->flag == NULL && o->val > 0 && o->val <= UCHAR_MAX) {
            printf("-%c %s\n", o->val, arg ? arg : "");
        }
    }
}

/* Parses the options in 'argv', leaving 'optind' at the command.  Returns
 * the target. */
static const char *
parse_command_line(int argc, char *argv[])
{
    enum {
        OPT_START = UCHAR_MAX + 1,
        VLOG_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"target", required_argument, NULL, 't'},
        {"execute", no_argument, NULL, 'e'},
        {"help", no_argument, NULL, 'h'},
        {"option", no_argument, NULL, 'o'},
        {"version", no_argument, NULL, 'V'},
        {"timeout", required_argument, NULL, 'T'},
        VLOG_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *target = NULL;
    int e_options = 0;

    /* By default, only problems reach the console. */
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_WARN);

    for (;;) {
        int option = getopt_long(argc, argv, "+t:T:ehoVv::", long_options,
                                 NULL);
        if (option == -1) {
            break;
        }

        switch (option) {
        case 't':
            if (target) {
                ovs_fatal(0, "-t or --target may be specified only once");
            }
            target = optarg;
            break;

        case 'e':
            /* Historical: "-e COMMAND" used to be required.  Accept and
             * ignore it. */
            if (e_options++) {
                ovs_fatal(0, "-e or --execute may be specified only once");
            }
            break;

        case 'h':
            usage();

        case 'o':
            print_options(long_options);
            exit(EXIT_SUCCESS);

        case 'T': {
            int timeout;

            if (!str_to_int(optarg, 10, &timeout) || timeout <= 0) {
                ovs_fatal(0, "value %s on -T or --timeout is invalid",
                          optarg);
            }
            time_alarm(timeout);
            break;
        }

        case 'V':
            ovs_print_version(0, 0);
            exit(EXIT_SUCCESS);

        VLOG_OPTION_HANDLERS

        case '?':
            exit(EXIT_FAILURE);

        default:
            OVS_NOT_REACHED();
        }
    }

    if (optind >= argc) {
        ovs_fatal(0, "at least one non-option argument is required "
                  "(use --help for help)");
    }

    return target ? target : "ovs-vswitchd";
}

/* Connects to 'target': an absolute socket name, or a program name whose
 * pid file in the run directory gives the pid in its socket's name
 * ("RUNDIR/TARGET.PID.ctl").  Exits on failure. */
static struct jsonrpc *
connect_to_target(const char *target)
{
    struct jsonrpc *client;
    char *socket_name;
    int error;

    if (target[0] != '/') {
        char *pidfile_name;
        pid_t pid;

        pidfile_name = xasprintf("%s/%s.pid", ovs_rundir(), target);
        pid = read_pidfile(pidfile_name);
        if (pid < 0) {
            ovs_fatal(-pid, "cannot read pidfile \"%s\"", pidfile_name);
        }
        free(pidfile_name);
        socket_name = xasprintf("%s/%s.%ld.ctl",
                                ovs_rundir(), target, (long int) pid);
    } else {
        socket_name = xstrdup(target);
    }

    error = unixctl_client_create(socket_name, &client);
    if (error) {
        ovs_fatal(error, "cannot connect to \"%s\"", socket_name);
    }
    free(socket_name);

    return client;
}
