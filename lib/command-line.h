/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef COMMAND_LINE_H
#define COMMAND_LINE_H 1

#include <stdbool.h>
#include <stddef.h>
#include "openvswitch/compiler.h"

/* Helpers for command-line programs: getopt tables and subcommand
 * dispatch ("ovs-ofctl add-flow BRIDGE FLOW"). */

struct option;

/* What a subcommand handler gets: the subcommand's name in argv[0] and its
 * arguments after it, plus a pointer the program may use for its own
 * state. */
struct ovs_cmdl_context {
    int argc;                   /* Number of elements in 'argv'. */
    char **argv;                /* Subcommand name, then its arguments. */
    void *pvt;                  /* Private to the program. */
};

typedef void (*ovs_cmdl_handler)(struct ovs_cmdl_context *);

/* One subcommand. */
struct ovs_cmdl_command {
    const char *name;           /* Subcommand name; NULL ends a table. */
    const char *usage;          /* Arguments, for usage text, or NULL. */
    int min_args;               /* Minimum number of arguments. */
    int max_args;               /* Maximum number, INT_MAX for no limit. */
    ovs_cmdl_handler handler;   /* The subcommand's implementation. */
    enum { OVS_RO, OVS_RW } mode; /* OVS_RO if it changes nothing. */
};

/* Returns a malloc()'d getopt() short-option string equivalent to the
 * getopt_long() table 'options' (every entry with a printable single-
 * character 'val'), e.g. "hVv::" for -h, -V and -v with an optional
 * argument. */
char *ovs_cmdl_long_options_to_short_options(const struct option *options);
#define long_options_to_short_options ovs_cmdl_long_options_to_short_options

/* One parsed option, as returned by ovs_cmdl_parse_all(). */
struct ovs_cmdl_parsed_option {
    const struct option *o;     /* The option, an element of the table. */
    char *arg;                  /* Its argument, or NULL. */
};

/* Parses all the options in 'argc'/'argv' against 'options' with
 * getopt_long(), without acting on them.  On success stores a malloc()'d
 * array in '*pop' and its size in '*n_pop' and returns NULL; on failure
 * returns a malloc()'d error message.  The arguments point into 'argv'. */
char *ovs_cmdl_parse_all(int argc, char *argv[], const struct option *,
                         struct ovs_cmdl_parsed_option **pop, size_t *n_pop)
    OVS_WARN_UNUSED_RESULT;

/* Returns a malloc()'d copy of argv with the options found in the
 * environment variable 'env_options' (split on white space) inserted after
 * argv[0], updating '*argcp'.  Returns NULL if the variable is unset or
 * empty. */
char **ovs_cmdl_env_parse_all(int *argcp, char *argv[],
                              const char *env_options);

/* Prints every long option in 'options' ("--name" or "--name=ARG"), one
 * per line, then every short one ("-x"), for shell completion scripts. */
void ovs_cmdl_print_options(const struct option *options);

/* Prints the name of every command in 'commands', one per line (with its
 * usage text, as "name usage"). */
void ovs_cmdl_print_commands(const struct ovs_cmdl_command *commands);

/* Finds the command named ctx->argv[0] in 'commands' (terminated by a NULL
 * name), checks its argument count, and runs it.  A missing command name,
 * an unknown command or a wrong number of arguments is a fatal error, with
 * upstream's messages ("missing command name; use --help for help",
 * "unknown command 'x'; use --help for help", "'x' command requires at
 * least N arguments", "'x' command takes at most N arguments"). */
void ovs_cmdl_run_command(struct ovs_cmdl_context *ctx,
                          const struct ovs_cmdl_command commands[]);

/* Like ovs_cmdl_run_command(), but refuses (fatally) to run a command
 * whose mode is OVS_RW: "'x' command does not work in read only mode". */
void ovs_cmdl_run_command_read_only(struct ovs_cmdl_context *ctx,
                                    const struct ovs_cmdl_command commands[]);

/* Process title, as shown by "ps".  Call ovs_cmdl_proctitle_init() early
 * in main() with main()'s arguments; then ovs_cmdl_proctitle_set() sets
 * the title (printf-style; the program name is prefixed) and
 * ovs_cmdl_proctitle_restore() puts the original back. */
void ovs_cmdl_proctitle_init(int argc, char **argv);
void ovs_cmdl_proctitle_set(const char *format, ...) OVS_PRINTF_FORMAT(1, 2);
void ovs_cmdl_proctitle_restore(void);

#endif /* command-line.h */
