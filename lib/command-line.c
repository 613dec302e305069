/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "command-line.h"

#include <ctype.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"

VLOG_DEFINE_THIS_MODULE(command_line);

char *
ovs_cmdl_long_options_to_short_options(const struct option options[])
{
    struct ds s = DS_EMPTY_INITIALIZER;

    for (; options->name; options++) {
        const struct option *o = options;
        if (o->flag == NULL && o->val > 0 && o->val <= UCHAR_MAX
            && isprint(o->val) && o->val != ':') {
            ds_put_char(&s, o->val);
            if (o->has_arg == required_argument) {
                ds_put_char(&s, ':');
            } else if (o->has_arg == optional_argument) {
                ds_put_cstr(&s, "::");
            }
        }
    }
    return ds_steal_cstr(&s);
}

char *
ovs_cmdl_parse_all(int argc, char *argv[], const struct option *options,
                   struct ovs_cmdl_parsed_option **pop, size_t *n_pop)
{
    char *short_options = ovs_cmdl_long_options_to_short_options(options);
    struct ovs_cmdl_parsed_option *po = NULL;
    size_t allocated_po = 0, n_po = 0;
    char *error = NULL;
    int saved_opterr = opterr;

    *pop = NULL;
    *n_pop = 0;

    optind = 0;
    opterr = 0;
    for (;;) {
        int idx = -1;
        int c;

        c = getopt_long(argc, argv, short_options, options, &idx);
        if (c == -1) {
            break;
        } else if (c == '?') {
            if (optopt && strchr(short_options, optopt)) {
                error = xasprintf("option '%s' requires an argument",
                                  argv[optind - 1]);
            } else {
                error = xasprintf("%s: unrecognized option",
                                  argv[optind - 1]);
            }
            break;
        } else if (c == ':') {
            error = xasprintf("option '%s' requires an argument",
                              argv[optind - 1]);
            break;
        }

        if (idx == -1) {
            for (const struct option *o = options; o->name; o++) {
                if (!o->flag && o->val == c) {
                    idx = o - options;
                    break;
                }
            }
        }
        if (idx == -1) {
            error = xasprintf("internal error parsing option %d", c);
            break;
        }

        if (n_po >= allocated_po) {
            po = x2nrealloc(po, &allocated_po, sizeof *po);
        }
        po[n_po].o = &options[idx];
        po[n_po].arg = optarg;
        n_po++;
    }
    opterr = saved_opterr;
    free(short_options);

    if (error) {
        free(po);
        return error;
    }
    *pop = po;
    *n_pop = n_po;
    return NULL;
}

char **
ovs_cmdl_env_parse_all(int *argcp, char *argv[], const char *env_options)
{
    const char *value = getenv(env_options);
    char **new_argv;
    size_t n = 0, allocated;
    char *copy, *save_ptr = NULL;

    if (!value || !value[0]) {
        return NULL;
    }

    allocated = *argcp + 8;
    new_argv = xmalloc(allocated * sizeof *new_argv);
    new_argv[n++] = xstrdup(argv[0]);

    copy = xstrdup(value);
    for (char *word = strtok_r(copy, " \t\n", &save_ptr); word;
         word = strtok_r(NULL, " \t\n", &save_ptr)) {
        if (n + 1 >= allocated) {
            new_argv = x2nrealloc(new_argv, &allocated, sizeof *new_argv);
        }
        new_argv[n++] = xstrdup(word);
    }
    free(copy);

    for (int i = 1; i < *argcp; i++) {
        if (n + 1 >= allocated) {
            new_argv = x2nrealloc(new_argv, &allocated, sizeof *new_argv);
        }
        new_argv[n++] = xstrdup(argv[i]);
    }
    new_argv[n] = NULL;
    *argcp = n;
    return new_argv;
}

void
ovs_cmdl_print_options(const struct option options[])
{
    struct ds s = DS_EMPTY_INITIALIZER;

    for (const struct option *o = options; o->name; o++) {
        printf("--%s%s\n", o->name,
               o->has_arg == required_argument ? "=ARG"
               : o->has_arg == optional_argument ? "[=ARG]" : "");
        if (!o->flag && o->val > 0 && o->val <= UCHAR_MAX
            && isprint(o->val)) {
            ds_put_format(&s, "-%c%s\n", o->val,
                          o->has_arg == required_argument ? " ARG"
                          : o->has_arg == optional_argument ? " [ARG]" : "");
        }
    }
    printf("%s", ds_cstr(&s));
    ds_destroy(&s);
}

void
ovs_cmdl_print_commands(const struct ovs_cmdl_command commands[])
{
    for (const struct ovs_cmdl_command *p = commands; p->name; p++) {
        if (p->usage) {
            printf("%s %s\n", p->name, p->usage);
        } else {
            printf("%s\n", p->name);
        }
    }
}

static void
ovs_cmdl_run_command__(struct ovs_cmdl_context *ctx,
                       const struct ovs_cmdl_command commands[],
                       bool read_only)
{
    const struct ovs_cmdl_command *p;
    int n_arg;

    if (ctx->argc < 1) {
        ovs_fatal(0, "missing command name; use --help for help");
    }

    for (p = commands; p->name; p++) {
        if (!strcmp(p->name, ctx->argv[0])) {
            n_arg = ctx->argc - 1;
            if (n_arg < p->min_args) {
                ovs_fatal(0, "'%s' command requires at least %d arguments",
                          p->name, p->min_args);
            } else if (n_arg > p->max_args) {
                ovs_fatal(0, "'%s' command takes at most %d arguments",
                          p->name, p->max_args);
            } else if (read_only && p->mode == OVS_RW) {
                ovs_fatal(0, "'%s' command does not work in read only "
                          "mode", p->name);
            }
            p->handler(ctx);
            return;
        }
    }

    ovs_fatal(0, "unknown command '%s'; use --help for help",
              ctx->argv[0]);
}

void
ovs_cmdl_run_command(struct ovs_cmdl_context *ctx,
                     const struct ovs_cmdl_command commands[])
{
    ovs_cmdl_run_command__(ctx, commands, false);
}

void
ovs_cmdl_run_command_read_only(struct ovs_cmdl_context *ctx,
                               const struct ovs_cmdl_command commands[])
{
    ovs_cmdl_run_command__(ctx, commands, true);
}

/* Process title.
 *
 * Linux shows a process's argv memory as its command line, so setting the
 * title means overwriting that memory: we keep a copy of the arguments
 * for the program's use, and write the title over the original area
 * (argv[0] through the end of the last argument). */

static char *argv_start;        /* Start of the original argv area. */
static size_t argv_size;        /* Its size, in bytes. */
static char *saved_proctitle;   /* The original contents, for restore. */

void
ovs_cmdl_proctitle_init(int argc, char **argv)
{
    if (!argc || !argv[0]) {
        return;
    }
    argv_start = argv[0];
    argv_size = 0;
    for (int i = 0; i < argc; i++) {
        size_t size = strlen(argv[i]) + 1;

        /* Only a contiguous area can be reused. */
        if (argv[i] != argv_start + argv_size) {
            break;
        }
        argv_size += size;
        argv[i] = xstrdup(argv[i]);
    }
    saved_proctitle = xmemdup(argv_start, argv_size);
}

void
ovs_cmdl_proctitle_set(const char *format, ...)
{
    va_list args;
    char *title;
    size_t n;

    if (!argv_start || argv_size < 8) {
        return;
    }

    va_start(args, format);
    title = xvasprintf(format, args);
    va_end(args);

    n = snprintf(argv_start, argv_size, "%s: %s", program_name, title);
    if (n < argv_size) {
        memset(argv_start + n, '\0', argv_size - n);
    }
    free(title);
}

void
ovs_cmdl_proctitle_restore(void)
{
    if (saved_proctitle) {
        memcpy(argv_start, saved_proctitle, argv_size);
    }
}
