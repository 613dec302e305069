/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef DPCTL_H
#define DPCTL_H 1

/* Datapath management commands shared by the ovs-dpctl program and the
 * "dpctl/..." unixctl commands of ovs-vswitchd: add-dp, del-dp, dump-dps,
 * show, add-if, set-if, del-if, dump-flows, add-flow, mod-flow, get-flow,
 * del-flow, del-flows.  Output and error messages follow Open vSwitch's
 * formats exactly, since scripts parse them. */

#include <stdbool.h>

/* How a command runs and where it writes. */
struct dpctl_params {
    bool is_appctl;             /* True inside ovs-vswitchd (dpctl/...). */
    bool read_only;             /* Refuse commands that change anything. */
    bool print_statistics;      /* -s: statistics for show and flow
                                 * commands. */
    bool zero_statistics;       /* --clear: zero a modified flow's stats. */
    bool may_create;            /* --may-create: mod-flow may add. */
    bool names;                 /* Print port names instead of numbers. */
    bool names_set;             /* True if --names or --no-names given
                                 * (otherwise 'names' follows
                                 * 'verbosity'). */
    int verbosity;              /* -m count: more detail in dump-flows. */

    /* Called with each piece of normal output ('error' false) and each
     * error message ('error' true; a complete line with the program name
     * in front). */
    void (*output)(void *aux, bool error, const char *text);
    void *aux;                  /* Passed to 'output'. */

    /* Called by the "help" command with the usage text; may be NULL. */
    void (*usage)(void *aux);
};

/* Runs the command in 'argv[0]' with arguments 'argv[1]' through
 * 'argv[argc - 1]' (options already parsed into 'params').  Returns 0 or a
 * positive errno value; error messages have gone to params->output. */
int dpctl_run_command(int argc, const char *argv[],
                      struct dpctl_params *params);

/* Registers the "dpctl/..." unixctl commands (once). */
void dpctl_unixctl_register(void);

#endif /* dpctl.h */
