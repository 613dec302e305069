/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "db-ctl-base.h"

#include <ctype.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dirs.h"
#include "json.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/shash.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovsdb-data.h"
#include "ovsdb-idl.h"
#include "ovsdb-idl-provider.h"
#include "sset.h"
#include "table.h"
#include "uuid.h"

VLOG_DEFINE_THIS_MODULE(db_ctl_base);

/* What the program told ctl_init(). */
static const struct ovsdb_idl_class *idl_class;
static const struct ctl_table_class *ctl_classes;
static const struct cmd_show_table *cmd_show_tables;
static void (*ctl_exit_func)(int status);

/* All registered commands: name -> struct ctl_command_syntax *. */
static struct shash all_commands = SHASH_INITIALIZER(&all_commands);

static void ctl_register_db_commands(void);

void
ctl_init__(const struct ovsdb_idl_class *idl_class_,
           const struct ctl_table_class *ctl_classes_,
           const struct cmd_show_table *show_tables,
           void (*exit_func)(int status))
{
    idl_class = idl_class_;
    ctl_classes = ctl_classes_;
    cmd_show_tables = show_tables;
    ctl_exit_func = exit_func;
    ctl_register_db_commands();
}

/* Exits with 'status' through the program's exit function. */
static void OVS_NO_RETURN
ctl_exit(int status)
{
    if (ctl_exit_func) {
        ctl_exit_func(status);
    }
    exit(status);
}

void
ctl_fatal(const char *format, ...)
{
    va_list args;
    char *message;

    va_start(args, format);
    message = xvasprintf(format, args);
    va_end(args);

    /* The message goes to the log files and syslog as an error, but the
     * console gets it only once, in the "PROGRAM: MESSAGE" form. */
    vlog_set_levels(THIS_MODULE, VLF_CONSOLE, VLL_OFF);
    VLOG_ERR("%s", message);
    ovs_error(0, "%s", message);
    free(message);
    ctl_exit(EXIT_FAILURE);
}

/* Exits with 'error' as the message if it is nonnull; frees it. */
static void
die_if_error(char *error)
{
    if (error) {
        ctl_fatal("%s", error);
    }
}

char *
ctl_default_db(void)
{
    return xasprintf("unix:%s/db.sock", ovs_rundir());
}

/* Command registration. */

void
ctl_register_commands(const struct ctl_command_syntax *commands)
{
    for (const struct ctl_command_syntax *p = commands; p->name; p++) {
        shash_add_assert(&all_commands, p->name, p);
    }
}

/* Calls 'cb' with each option of 'options' (a command's option string,
 * "--if-exists,--columns="): its name with the leading "--" and without a
 * trailing "=", and whether it takes an argument. */
static void
ctl_for_each_option(const char *options,
                    void (*cb)(const char *name, bool has_arg, void *aux),
                    void *aux)
{
    char *s = xstrdup(options ? options : "");
    char *save_ptr = NULL;

    for (char *name = strtok_r(s, ",", &save_ptr); name;
         name = strtok_r(NULL, ",", &save_ptr)) {
        size_t len = strlen(name);
        bool has_arg = len > 0 && name[len - 1] == '=';

        if (has_arg) {
            name[len - 1] = '\0';
        }
        if (!strncmp(name, "--", 2)) {
            name += 2;
        }
        cb(name, has_arg, aux);
    }
    free(s);
}

/* State for ctl_add_cmd_options(). */
struct ctl_option_builder {
    struct option **options;    /* The getopt table being built. */
    size_t *n_options;          /* Number of elements in it. */
    size_t *allocated_options;  /* Allocated elements. */
    int opt_val;                /* 'val' for command options. */
};

static void
ctl_add_cmd_option(const char *name, bool has_arg, void *b_)
{
    struct ctl_option_builder *b = b_;

    for (size_t i = 0; i < *b->n_options; i++) {
        if (!strcmp((*b->options)[i].name, name)) {
            return;
        }
    }
    if (*b->n_options >= *b->allocated_options) {
        *b->options = x2nrealloc(*b->options, b->allocated_options,
                                 sizeof **b->options);
    }
    struct option *o = &(*b->options)[(*b->n_options)++];
    o->name = xstrdup(name);
    o->has_arg = has_arg ? required_argument : no_argument;
    o->flag = NULL;
    o->val = b->opt_val;
}

/* Order in which command options are added to the getopt table.  It only
 * matters for glibc's messages about ambiguous abbreviations (e.g. "--i"),
 * which list the candidates in table order; this is upstream's order. */
static const char *const cmd_option_order[] = {
    "--may-exist", "--if-exists", "--id=", "--inactivity-probe=", "--real",
    "--fake", "--columns=", "--bootstrap", "--all", "--with-iface",
    "--fake-iface",
};

void
ctl_add_cmd_options(struct option **options, size_t *n_options,
                    size_t *allocated_options, int opt_val)
{
    struct ctl_option_builder b = {
        options, n_options, allocated_options, opt_val
    };

    /* Options in the preferred order first, if some command has them. */
    for (size_t i = 0; i < ARRAY_SIZE(cmd_option_order); i++) {
        const char *want = cmd_option_order[i];
        struct shash_node *node;

        SHASH_FOR_EACH (node, &all_commands) {
            const struct ctl_command_syntax *p = node->data;
            const char *s = p->options ? strstr(p->options, want) : NULL;
            size_t len = strlen(want);

            if (s && (s[len] == '\0' || s[len] == ','
                      || want[len - 1] == '=')) {
                ctl_for_each_option(want, ctl_add_cmd_option, &b);
                break;
            }
        }
    }

    /* Then any other, in sorted command order. */
    const struct shash_node **sorted = shash_sort(&all_commands);
    for (size_t i = 0; i < shash_count(&all_commands); i++) {
        const struct ctl_command_syntax *p = sorted[i]->data;
        ctl_for_each_option(p->options, ctl_add_cmd_option, &b);
    }
    free(sorted);

    /* Terminator. */
    if (*n_options >= *allocated_options) {
        *options = x2nrealloc(*options, allocated_options, sizeof **options);
    }
    memset(&(*options)[*n_options], 0, sizeof **options);
}

void
ctl_add_local_option(struct shash *local_options, const char *name,
                     const char *arg)
{
    char *key = xasprintf("--%s", name);

    /* Like upstream, the first occurrence of an option before the first
     * command wins and repeating it is not an error. */
    if (shash_find(local_options, key)) {
        free(key);
        return;
    }
    shash_add_nocopy(local_options, key, arg ? xstrdup(arg) : NULL);
}

/* Parses one command, the 'argc' arguments in 'argv', into 'command',
 * which receives 'local_options'. */
static void
ctl_parse_command(int argc, char *argv[], struct shash *local_options,
                  struct ctl_command *command)
{
    const struct ctl_command_syntax *p;
    struct shash_node *node;
    int n_arg;
    int i;

    shash_init(&command->options);
    shash_swap(local_options, &command->options);
    for (i = 0; i < argc; i++) {
        const char *option = argv[i];
        const char *equals;
        char *key, *value;

        if (option[0] != '-') {
            break;
        }

        equals = strchr(option, '=');
        if (equals) {
            key = xmemdup0(option, equals - option);
            value = xstrdup(equals + 1);
        } else {
            key = xstrdup(option);
            value = NULL;
        }

        if (shash_find(&command->options, key)) {
            free(key);
            free(value);
            ctl_fatal("'%s' option specified multiple times", argv[i]);
        }
        shash_add_nocopy(&command->options, key, value);
    }
    if (i == argc) {
        ctl_fatal("missing command name (use --help for help)");
    }

    p = shash_find_data(&all_commands, argv[i]);
    if (!p) {
        ctl_fatal("unknown command '%s'; use --help for help", argv[i]);
    }

    SHASH_FOR_EACH (node, &command->options) {
        const char *s = p->options ? strstr(p->options, node->name) : NULL;
        int end = s ? s[strlen(node->name)] : EOF;

        if (end != '=' && end != ',' && end != ' ' && end != '\0') {
            ctl_fatal("'%s' command has no '%s' option",
                      argv[i], node->name);
        }
        if ((end == '=') != (node->data != NULL)) {
            if (end == '=') {
                ctl_fatal("missing argument to '%s' option on '%s' "
                          "command", node->name, argv[i]);
            } else {
                ctl_fatal("'%s' option on '%s' does not accept an "
                          "argument", node->name, argv[i]);
            }
        }
    }

    n_arg = argc - i - 1;
    if (n_arg < p->min_args) {
        ctl_fatal("'%s' command requires at least %d arguments",
                  p->name, p->min_args);
    } else if (n_arg > p->max_args) {
        for (int j = i + 1; j < argc; j++) {
            if (argv[j][0] == '-') {
                ctl_fatal("'%s' command takes at most %d arguments "
                          "(note that options must precede command "
                          "names and follow a \"--\" argument)",
                          p->name, p->max_args);
            }
        }
        ctl_fatal("'%s' command takes at most %d arguments",
                  p->name, p->max_args);
    }

    command->syntax = p;
    command->argc = n_arg + 1;
    command->argv = &argv[i];
    ds_init(&command->output);
    command->table = NULL;
}

void
ctl_parse_commands(int argc, char *argv[], struct shash *local_options,
                   struct ctl_command **commandsp, size_t *n_commandsp)
{
    struct ctl_command *commands = NULL;
    size_t n_commands = 0;
    size_t allocated_commands = 0;
    int start = 0;

    for (int i = 0; i <= argc; i++) {
        if (i == argc || !strcmp(argv[i], "--")) {
            if (i > start) {
                if (n_commands >= allocated_commands) {
                    commands = x2nrealloc(commands, &allocated_commands,
                                          sizeof *commands);
                }
                ctl_parse_command(i - start, &argv[start], local_options,
                                  &commands[n_commands]);
                n_commands++;
            } else if (!shash_is_empty(local_options)) {
                ctl_fatal("missing command name (use --help for help)");
            }
            start = i + 1;
        }
    }
    if (!n_commands) {
        ctl_fatal("missing command name (use --help for help)");
    }
    *commandsp = commands;
    *n_commandsp = n_commands;
}

bool
ctl_might_write_to_db(const struct ctl_command *commands, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (commands[i].syntax->mode == RW) {
            return true;
        }
    }
    return false;
}

void
ctl_free_commands(struct ctl_command *commands, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct ctl_command *c = &commands[i];

        shash_destroy_free_data(&c->options);
        ds_destroy(&c->output);
        table_destroy(c->table);
        free(c->table);
    }
    free(commands);
}

/* Help. */

/* Appends to 'out' the compact form of one argument word of a command's
 * syntax: "X" -> "!X", "[X]" -> "?X", "X..." -> "+X", "[X]..." -> "*X",
 * with inner brackets reduced to "?" ("COLUMN[:KEY]" -> "COLUMN?:KEY"). */
static void
ctl_put_compact_argument(struct ds *out, const char *word)
{
    size_t len = strlen(word);
    bool repeat = len > 3 && !strcmp(&word[len - 3], "...");
    char prefix;

    if (repeat) {
        len -= 3;
    }
    if (len >= 2 && word[0] == '[' && word[len - 1] == ']') {
        /* Check that the outer brackets enclose the whole word. */
        int depth = 0;
        bool whole = true;

        for (size_t i = 0; i < len; i++) {
            if (word[i] == '[') {
                depth++;
            } else if (word[i] == ']') {
                depth--;
                if (!depth && i != len - 1) {
                    whole = false;
                }
            }
        }
        if (whole) {
            word++;
            len -= 2;
            prefix = repeat ? '*' : '?';
        } else {
            prefix = repeat ? '+' : '!';
        }
    } else {
        prefix = repeat ? '+' : '!';
    }

    ds_put_char(out, prefix);
    for (size_t i = 0; i < len; i++) {
        if (word[i] == '[') {
            ds_put_char(out, '?');
        } else if (word[i] != ']') {
            ds_put_char(out, word[i]);
        }
    }
}

void
ctl_print_commands(void)
{
    struct ds out = DS_EMPTY_INITIALIZER;
    struct shash_node *node;

    SHASH_FOR_EACH (node, &all_commands) {
        const struct ctl_command_syntax *p = node->data;
        char *options = xstrdup(p->options ? p->options : "");
        char *save_ptr = NULL;

        for (char *o = strtok_r(options, ",", &save_ptr); o;
             o = strtok_r(NULL, ",", &save_ptr)) {
            ds_put_format(&out, "[%s] ", o);
        }
        free(options);

        ds_put_format(&out, ",%s,", p->name);

        char *args = xstrdup(p->arguments ? p->arguments : "");
        bool first = true;
        save_ptr = NULL;
        for (char *w = strtok_r(args, " ", &save_ptr); w;
             w = strtok_r(NULL, " ", &save_ptr)) {
            if (!first) {
                ds_put_char(&out, ' ');
            }
            first = false;
            ctl_put_compact_argument(&out, w);
        }
        free(args);
        ds_put_char(&out, '\n');
    }
    fputs(ds_cstr(&out), stdout);
    ds_destroy(&out);
}

void
ctl_print_options(const struct option *options)
{
    for (; options->name; options++) {
        const struct option *o = options;

        printf("--%s%s\n", o->name, o->has_arg ? "=ARG" : "");
        if (o->flag == NULL && o->val > 0 && o->val <= UCHAR_MAX
            && isalnum(o->val)) {
            printf("-%c%s\n", o->val, o->has_arg ? " ARG" : "");
        }
    }
}

const char *
ctl_get_db_cmd_usage(void)
{
    return "Database commands (TBL a table, REC a record, COL a column):\n"
"  list TBL [REC]...           print records of TBL (all by default)\n"
"  find TBL [COL[:KEY]OP VALUE]...  print the records that match\n"
"  get TBL REC COL[:KEY]...    print values from REC\n"
"  set TBL REC COL[:KEY]=VALUE...  change values in REC\n"
"  add TBL REC COL [KEY=]VALUE...  add elements to set or map COL\n"
"  remove TBL REC COL [KEY=]VALUE...  take elements out of COL\n"
"  clear TBL REC COL...        empty COLs of REC\n"
"  create TBL COL[:KEY]=VALUE...  make a new record, print its UUID\n"
"  destroy TBL REC...          delete records (--all: every record)\n"
"  wait-until TBL REC [COL[:KEY]=VALUE]...  wait for REC to match\n"
"  comment [ARG]...            record ARGs in the transaction's comment\n";
}

void
ctl_print_table_naming_usage(void)
{
    printf("Database commands accept any record by its UUID (or its first 4 "
           "or more hex\n"
           "digits, if unique), the only record of a table as \".\", "
           "and records of these\n"
           "tables also by name:\n");
    for (size_t i = 0; i < idl_class->n_tables; i++) {
        const struct ovsdb_idl_table_class *table = &idl_class->tables[i];
        const struct ctl_table_class *ctl = &ctl_classes[i];

        for (size_t j = 0; j < ARRAY_SIZE(ctl->row_ids); j++) {
            const struct ctl_row_id *id = &ctl->row_ids[j];

            if (!id->name_column) {
                continue;
            }
            printf("  %-26s", table->name);
            if (id->uuid_column) {
                const struct ovsdb_idl_table_class *referrer
                    = ovsdb_idl_table_class_from_column(idl_class,
                                                        id->name_column);
                printf("the \"%s\" of the %s with that \"%s\"\n",
                       id->uuid_column->name, referrer->name,
                       id->name_column->name);
            } else {
                printf("its \"%s\"\n", id->name_column->name);
            }
        }
    }
}

/* Contexts. */

void
ctl_context_init_command(struct ctl_context *ctx, struct ctl_command *command,
                         bool last)
{
    ctx->argc = command->argc;
    ctx->argv = command->argv;
    shash_init(&ctx->options);
    shash_swap(&ctx->options, &command->options);

    ds_init(&ctx->output);
    ds_swap(&ctx->output, &command->output);
    ctx->table = command->table;
    command->table = NULL;

    ctx->try_again = false;
    ctx->last_command = last;
}

void
ctl_context_init(struct ctl_context *ctx, struct ctl_command *command,
                 struct ovsdb_idl *idl, struct ovsdb_idl_txn *txn,
                 struct ovsdb_symbol_table *symtab,
                 void (*invalidate_cache_cb)(struct ctl_context *))
{
    if (command) {
        ctl_context_init_command(ctx, command, false);
    } else {
        ctx->argc = 0;
        ctx->argv = NULL;
        shash_init(&ctx->options);
        ds_init(&ctx->output);
        ctx->table = NULL;
        ctx->try_again = false;
        ctx->last_command = false;
    }
    ctx->idl = idl;
    ctx->txn = txn;
    ctx->symtab = symtab;
    ctx->invalidate_cache_cb = invalidate_cache_cb;
    ctx->pvt = NULL;
}

void
ctl_context_done_command(struct ctl_context *ctx, struct ctl_command *command)
{
    ds_swap(&ctx->output, &command->output);
    ds_destroy(&ctx->output);
    shash_swap(&ctx->options, &command->options);
    shash_destroy(&ctx->options);
    command->table = ctx->table;
    ctx->table = NULL;
}

void
ctl_context_done(struct ctl_context *ctx, struct ctl_command *command)
{
    if (command) {
        ctl_context_done_command(ctx, command);
    } else {
        ds_destroy(&ctx->output);
        shash_destroy(&ctx->options);
    }
    ctx->invalidate_cache_cb = NULL;
}

/* Tells the program that its cache, if it keeps one, is out of date. */
static void
invalidate_cache(struct ctl_context *ctx)
{
    if (ctx->invalidate_cache_cb) {
        ctx->invalidate_cache_cb(ctx);
    }
}

/* Names of tables and columns. */

static int
to_lower_and_underscores(unsigned c)
{
    return c == '-' ? '_' : tolower(c);
}

/* Returns how well 's' matches 'name': UINT_MAX for an exact match,
 * UINT_MAX - 1 for a match that ignores case and treats '-' as '_', the
 * length of 's' if it is such a prefix of 'name', otherwise 0. */
static unsigned int
score_partial_match(const char *name, const char *s)
{
    unsigned int score;

    if (!strcmp(name, s)) {
        return UINT_MAX;
    }
    for (score = 0; ; score++, name++, s++) {
        if (to_lower_and_underscores(*name) != to_lower_and_underscores(*s)) {
            break;
        } else if (*name == '\0') {
            return UINT_MAX - 1;
        }
    }
    return *s == '\0' ? score : 0;
}

/* qsort() comparison function for an array of strings. */
static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;
    return strcmp(*a, *b);
}

/* Appends the 'n' strings in 'names', sorted, to 'out', separated by
 * ", ". */
static void
put_sorted_names(struct ds *out, const char **names, size_t n)
{
    qsort(names, n, sizeof *names, compare_strings);
    for (size_t i = 0; i < n; i++) {
        if (i) {
            ds_put_cstr(out, ", ");
        }
        ds_put_cstr(out, names[i]);
    }
}

/* Finds the name among the 'n' 'names' that 's' designates: an exact
 * match, or else an unambiguous abbreviation.  Returns the number of best
 * matches: when it is 1, stores the index of the match in '*idx'; when it
 * is more, appends the best matches, sorted, to 'ambiguous'. */
static size_t
match_partial_name(const char **names, size_t n, const char *s, size_t *idx,
                   struct ds *ambiguous)
{
    unsigned int best_score = 0;
    size_t n_best = 0;

    for (size_t i = 0; i < n; i++) {
        unsigned int score = score_partial_match(names[i], s);

        if (score && score > best_score) {
            *idx = i;
            best_score = score;
            n_best = 1;
        } else if (score && score == best_score) {
            n_best++;
        }
    }

    if (n_best > 1) {
        const char **best = xmalloc(n_best * sizeof *best);
        size_t n_found = 0;

        for (size_t i = 0; i < n; i++) {
            if (score_partial_match(names[i], s) == best_score) {
                best[n_found++] = names[i];
            }
        }
        put_sorted_names(ambiguous, best, n_found);
        free(best);
    }
    return n_best;
}

/* Looks up the table that 'table_name' designates.  Returns NULL and
 * stores it in '*tablep', or returns an error message. */
static char * OVS_WARN_UNUSED_RESULT
get_table__(const char *table_name,
            const struct ovsdb_idl_table_class **tablep)
{
    const char **names = xmalloc(idl_class->n_tables * sizeof *names);
    struct ds ambiguous = DS_EMPTY_INITIALIZER;
    size_t idx = 0, n_best;

    for (size_t i = 0; i < idl_class->n_tables; i++) {
        names[i] = idl_class->tables[i].name;
    }
    n_best = match_partial_name(names, idl_class->n_tables, table_name,
                                &idx, &ambiguous);
    free(names);

    *tablep = n_best == 1 ? &idl_class->tables[idx] : NULL;
    if (n_best == 1) {
        return NULL;
    } else if (!n_best) {
        return xasprintf("unknown table \"%s\"", table_name);
    } else {
        char *error = xasprintf("\"%s\" matches multiple table names: %s",
                                table_name, ds_cstr(&ambiguous));
        ds_destroy(&ambiguous);
        return error;
    }
}

const struct ovsdb_idl_table_class *
ctl_get_table(const char *table_name)
{
    const struct ovsdb_idl_table_class *table;

    die_if_error(get_table__(table_name, &table));
    return table;
}

/* Looks up the column of 'table' that 'column_name' designates. */
static char * OVS_WARN_UNUSED_RESULT
get_column(const struct ovsdb_idl_table_class *table,
           const char *column_name, const struct ovsdb_idl_column **columnp)
{
    const char **names = xmalloc(table->n_columns * sizeof *names);
    struct ds ambiguous = DS_EMPTY_INITIALIZER;
    size_t idx = 0, n_best;

    for (size_t i = 0; i < table->n_columns; i++) {
        names[i] = table->columns[i].name;
    }
    n_best = match_partial_name(names, table->n_columns, column_name,
                                &idx, &ambiguous);
    free(names);

    *columnp = n_best == 1 ? &table->columns[idx] : NULL;
    if (n_best == 1) {
        return NULL;
    } else if (!n_best) {
        return xasprintf("%s does not contain a column whose name matches "
                         "\"%s\"", table->name, column_name);
    } else {
        char *error = xasprintf("%s contains more than one column whose "
                                "name matches \"%s\": %s", table->name,
                                column_name, ds_cstr(&ambiguous));
        ds_destroy(&ambiguous);
        return error;
    }
}

/* Returns true if 'c' ends a token in a command argument. */
static bool
token_is_delim(unsigned char c)
{
    return strchr(":=, []{}!<>", c) != NULL;
}

/* Parses a token at '*s': characters up to the first delimiter that is
 * not inside double quotes (the quotes are kept) or escaped by a
 * backslash (the backslash is dropped, except inside quotes).  Stores the
 * token in '*outp' (malloc'd) and advances '*s' past it.  Returns NULL, or
 * an error message. */
static char * OVS_WARN_UNUSED_RESULT
parse_token(const char **s, char **outp)
{
    struct ds out = DS_EMPTY_INITIALIZER;
    bool in_quotes = false;
    const char *p;

    for (p = *s; *p != '\0'; ) {
        int c = (unsigned char) *p++;

        if (c == '\\') {
            if (in_quotes) {
                ds_put_char(&out, '\\');
            }
            if (!*p) {
                ds_destroy(&out);
                *outp = NULL;
                return xasprintf("%s: backslash at end of argument", *s);
            }
            ds_put_char(&out, *p++);
        } else if (!in_quotes && token_is_delim(c)) {
            p--;
            break;
        } else {
            ds_put_char(&out, c);
            if (c == '"') {
                in_quotes = !in_quotes;
            }
        }
    }
    if (in_quotes) {
        ds_destroy(&out);
        *outp = NULL;
        return xasprintf("%s: quoted string extends past end of argument",
                         *s);
    }
    *outp = ds_steal_cstr(&out);
    *s = p;
    return NULL;
}

/* Returns the error message for an 'arg' that does not contain any of the
 * 'n_allowed' operators in 'allowed'. */
static char *
missing_operator_error(const char *arg, const char *const *allowed,
                       size_t n_allowed)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_format(&s, "%s: argument does not end in ", arg);
    ds_put_format(&s, "\"%s\"", allowed[0]);
    if (n_allowed == 2) {
        ds_put_format(&s, " or \"%s\"", allowed[1]);
    } else if (n_allowed > 2) {
        for (size_t i = 1; i < n_allowed - 1; i++) {
            ds_put_format(&s, ", \"%s\"", allowed[i]);
        }
        ds_put_format(&s, ", or \"%s\"", allowed[n_allowed - 1]);
    }
    ds_put_cstr(&s, " followed by a value.");
    return ds_steal_cstr(&s);
}

/* Parses 'arg', of the form "COLUMN[:KEY][OPERATOR VALUE]", for 'table':
 *
 *   - The column goes in '*columnp' and the key text (still quoted if it
 *     was), if any, in '*keyp' (malloc'd, else NULL).
 *
 *   - If 'valuep' is nonnull, one of the 'n_allowed' operators in
 *     'allowed' (by default just "=") and a nonempty value must follow:
 *     the index of the operator goes in '*operatorp' (if nonnull) and the
 *     value text in '*valuep' (malloc'd).  Otherwise nothing may follow.
 *
 * Returns NULL, or an error message. */
static char * OVS_WARN_UNUSED_RESULT
parse_column_key_value(const char *arg,
                       const struct ovsdb_idl_table_class *table,
                       const struct ovsdb_idl_column **columnp, char **keyp,
                       int *operatorp, const char *const *allowed,
                       size_t n_allowed, char **valuep)
{
    const char *p = arg;
    char *column_name;
    char *error;

    *keyp = NULL;
    if (valuep) {
        *valuep = NULL;
    }

    error = parse_token(&p, &column_name);
    if (error) {
        goto error;
    }
    if (column_name[0] == '\0') {
        free(column_name);
        error = xasprintf("%s: missing column name", arg);
        goto error;
    }
    error = get_column(table, column_name, columnp);
    free(column_name);
    if (error) {
        goto error;
    }

    if (*p == ':') {
        p++;
        error = parse_token(&p, keyp);
        if (error) {
            goto error;
        }
    }

    if (valuep) {
        static const char *const equals[] = { "=" };
        size_t best_len = 0;
        int best = -1;

        if (!allowed) {
            allowed = equals;
            n_allowed = 1;
        }
        for (size_t i = 0; i < n_allowed; i++) {
            const char *op = allowed[i];
            size_t op_len = strlen(op);

            if (op_len > best_len && !strncmp(op, p, op_len) && p[op_len]) {
                best_len = op_len;
                best = i;
            }
        }
        if (best < 0) {
            error = missing_operator_error(arg, allowed, n_allowed);
            goto error;
        }
        if (operatorp) {
            *operatorp = best;
        }
        *valuep = xstrdup(p + best_len);
    } else if (*p != '\0') {
        error = xasprintf("%s: trailing garbage \"%s\" in argument", arg, p);
        goto error;
    }
    return NULL;

error:
    *columnp = NULL;
    free(*keyp);
    *keyp = NULL;
    if (valuep) {
        free(*valuep);
        *valuep = NULL;
        if (operatorp) {
            *operatorp = -1;
        }
    }
    return error;
}

/* Prerequisites helpers. */

/* Makes the IDL replicate what naming the records of 'table' needs, and
 * returns 'table'. */
static const struct ovsdb_idl_table_class *
pre_get_table(struct ctl_context *ctx, const char *table_name)
{
    const struct ovsdb_idl_table_class *table = ctl_get_table(table_name);
    const struct ctl_table_class *ctl
        = &ctl_classes[table - idl_class->tables];

    ovsdb_idl_add_table(ctx->idl, table);
    for (size_t i = 0; i < ARRAY_SIZE(ctl->row_ids); i++) {
        const struct ctl_row_id *id = &ctl->row_ids[i];

        if (id->name_column) {
            const struct ovsdb_idl_table_class *t
                = ovsdb_idl_table_class_from_column(idl_class,
                                                    id->name_column);
            ovsdb_idl_add_table(ctx->idl, t);
            ovsdb_idl_add_column(ctx->idl, id->name_column);
        }
        if (id->uuid_column) {
            ovsdb_idl_add_column(ctx->idl, id->uuid_column);
        }
    }
    return table;
}

/* Makes the IDL replicate the column that 'arg' ("COLUMN[:KEY]..." as for
 * parse_column_key_value()) names in 'table'.  Only the column name is
 * checked now; the rest waits for the command to run. */
static void
pre_parse_column_key_value(struct ctl_context *ctx, const char *arg,
                           const struct ovsdb_idl_table_class *table)
{
    const struct ovsdb_idl_column *column;
    const char *p = arg;
    char *column_name;

    die_if_error(parse_token(&p, &column_name));
    if (!column_name[0]) {
        free(column_name);
        ctl_fatal("%s: missing column name", arg);
    }

    char *error = get_column(table, column_name, &column);
    free(column_name);
    die_if_error(error);

    ovsdb_idl_add_column(ctx->idl, column);
}

/* Fails if 'column' of 'row' may not be written. */
static void
check_mutable(const struct ovsdb_idl_row *row,
              const struct ovsdb_idl_column *column)
{
    if (!ovsdb_idl_is_mutable(row, column)) {
        ctl_fatal("cannot modify read-only column %s in table %s",
                  column->name, row->table->class_->name);
    }
}

/* Records. */

/* Parses 'record_id' as a value of the integer column 'column'.  Returns
 * true and stores it in '*value' if it is a decimal integer. */
static bool
record_id_to_integer(const char *record_id, long long int *value)
{
    const char *p = record_id;

    if (*p == '-') {
        p++;
    }
    if (!isdigit((unsigned char) *p)) {
        return false;
    }
    for (; *p; p++) {
        if (!isdigit((unsigned char) *p)) {
            return false;
        }
    }
    return str_to_llong(record_id, 10, value);
}

/* Returns the row of 'table' that 'record_id' names through 'id', or NULL.
 * Sets '*multiple' if several rows match. */
static const struct ovsdb_idl_row *
get_row_by_id(struct ctl_context *ctx,
              const struct ovsdb_idl_table_class *table,
              const struct ctl_row_id *id, const char *record_id,
              bool *multiple)
{
    const struct ovsdb_idl_table_class *id_table;
    const struct ovsdb_idl_row *referrer = NULL;
    enum ovsdb_atomic_type name_type;
    long long int integer = 0;

    *multiple = false;
    if (!id->name_column) {
        return NULL;
    }

    id_table = ovsdb_idl_table_class_from_column(idl_class, id->name_column);
    name_type = id->name_column->type.key.type;
    if (name_type == OVSDB_TYPE_INTEGER) {
        if (!record_id_to_integer(record_id, &integer)) {
            return NULL;
        }
    } else if (name_type != OVSDB_TYPE_STRING) {
        return NULL;
    }

    for (const struct ovsdb_idl_row *row = ovsdb_idl_first_row(ctx->idl,
                                                               id_table);
         row; row = ovsdb_idl_next_row(row)) {
        const struct ovsdb_datum *name = ovsdb_idl_read(row, id->name_column);
        bool match;

        if (name->n != 1) {
            continue;
        }
        if (name_type == OVSDB_TYPE_INTEGER) {
            match = name->keys[0].integer == integer;
        } else {
            match = !strcmp(name->keys[0].string, record_id);
        }
        if (match) {
            if (referrer) {
                *multiple = true;
                return NULL;
            }
            referrer = row;
        }
    }
    if (!referrer) {
        return NULL;
    }

    if (id->uuid_column) {
        const struct ovsdb_datum *uuid = ovsdb_idl_read(referrer,
                                                        id->uuid_column);
        if (uuid->n == 1) {
            return ovsdb_idl_get_row_for_uuid(ctx->idl, table,
                                              &uuid->keys[0].uuid);
        }
        return NULL;
    }
    return referrer;
}

const struct ovsdb_idl_row *
ctl_get_row(struct ctl_context *ctx,
            const struct ovsdb_idl_table_class *table, const char *record_id,
            bool must_exist)
{
    const struct ovsdb_idl_row *row = NULL;
    struct uuid uuid;

    if (uuid_from_string(&uuid, record_id)) {
        row = ovsdb_idl_get_row_for_uuid(ctx->idl, table, &uuid);
    }
    if (!row) {
        if (!strcmp(record_id, ".")) {
            row = ovsdb_idl_first_row(ctx->idl, table);
            if (row && ovsdb_idl_next_row(row)) {
                row = NULL;
            }
        }
    }
    if (!row) {
        const struct ctl_table_class *ctl
            = &ctl_classes[table - idl_class->tables];

        for (size_t i = 0; i < ARRAY_SIZE(ctl->row_ids); i++) {
            bool multiple;

            row = get_row_by_id(ctx, table, &ctl->row_ids[i], record_id,
                                &multiple);
            if (multiple) {
                ctl_fatal("multiple rows in %s match \"%s\"",
                          table->name, record_id);
            }
            if (row) {
                break;
            }
        }
    }
    if (!row && uuid_is_partial_string(record_id) >= 4) {
        for (const struct ovsdb_idl_row *r = ovsdb_idl_first_row(ctx->idl,
                                                                 table);
             r; r = ovsdb_idl_next_row(r)) {
            if (uuid_is_partial_match(&r->uuid, record_id)) {
                if (!row) {
                    row = r;
                } else {
                    ctl_fatal("%s contains 2 or more rows whose UUIDs begin "
                              "with %s: at least "UUID_FMT" and "UUID_FMT,
                              table->name, record_id,
                              UUID_ARGS(&row->uuid), UUID_ARGS(&r->uuid));
                }
            }
        }
    }
    if (must_exist && !row) {
        ctl_fatal("no row \"%s\" in table %s", record_id, table->name);
    }
    return row;
}

/* Symbols ("@name" row ids). */

/* Returns the symbol for 'id', marking it as created; '*newp' (if nonnull)
 * tells whether it did not exist before. */
static struct ovsdb_symbol *
create_symbol(struct ovsdb_symbol_table *symtab, const char *id, bool *newp)
{
    struct ovsdb_symbol *symbol;

    if (id[0] != '@') {
        ctl_fatal("row id \"%s\" does not begin with \"@\"", id);
    }
    if (newp) {
        *newp = ovsdb_symbol_table_get(symtab, id) == NULL;
    }
    symbol = ovsdb_symbol_table_insert(symtab, id);
    if (symbol->created) {
        ctl_fatal("row id \"%s\" may only be specified on one --id option",
                  id);
    }
    symbol->created = true;
    return symbol;
}

/* Setting columns. */

/* Implements "COLUMN[:KEY]=VALUE" on 'row' of 'table' for "set", "create"
 * and programs' commands that take such settings.  With a key, the value
 * of that key is replaced (or added): if 'partial' is true, as a partial
 * update of the map that touches nothing else (see
 * ovsdb_idl_txn_write_partial_map()), otherwise by rewriting the column
 * after verifying its current value.  "@name" row ids in values resolve
 * through 'symtab'. */
static void
set_column(const struct ovsdb_idl_table_class *table,
           const struct ovsdb_idl_row *row, const char *arg,
           struct ovsdb_symbol_table *symtab, bool partial)
{
    const struct ovsdb_idl_column *column;
    char *key_string, *value_string;

    die_if_error(parse_column_key_value(arg, table, &column, &key_string,
                                        NULL, NULL, 0, &value_string));
    check_mutable(row, column);

    if (key_string) {
        union ovsdb_atom key, value;
        struct ovsdb_datum *datum;

        if (column->type.value.type == OVSDB_TYPE_VOID) {
            ctl_fatal("cannot specify key to set for non-map column %s",
                      column->name);
        }

        die_if_error(ovsdb_atom_from_string(&key, NULL, &column->type.key,
                                            key_string, symtab));
        die_if_error(ovsdb_atom_from_string(&value, NULL,
                                            &column->type.value,
                                            value_string, symtab));

        datum = xmalloc(sizeof *datum);
        ovsdb_datum_init_empty(datum);
        ovsdb_datum_add_unsafe(datum, &key, &value, &column->type, NULL);
        ovsdb_atom_destroy(&key, column->type.key.type);
        ovsdb_atom_destroy(&value, column->type.value.type);

        if (partial) {
            ovsdb_idl_txn_write_partial_map(row, column, datum);
        } else {
            struct ovsdb_type key_type = column->type;
            struct ovsdb_datum new;

            /* Drop the key, if present, then add the new pair. */
            ovsdb_datum_clone(&new, ovsdb_idl_read(row, column),
                              &column->type);
            key_type.value.type = OVSDB_TYPE_VOID;
            ovsdb_datum_subtract(&new, &column->type, datum, &key_type);
            ovsdb_datum_union(&new, datum, &column->type);
            ovsdb_datum_destroy(datum, &column->type);
            free(datum);

            ovsdb_idl_txn_verify(row, column);
            ovsdb_idl_txn_write(row, column, &new);
        }
    } else {
        struct ovsdb_datum datum;

        die_if_error(ovsdb_datum_from_string(&datum, &column->type,
                                             value_string, symtab));
        ovsdb_idl_txn_write(row, column, &datum);
    }

    free(key_string);
    free(value_string);
}

void
ctl_set_column(const char *table_name, const struct ovsdb_idl_row *row,
               const char *arg, struct ovsdb_symbol_table *symtab)
{
    set_column(ctl_get_table(table_name), row, arg, symtab, false);
}

/* The generic commands. */

static void
cmd_comment(struct ctl_context *ctx OVS_UNUSED)
{
    /* Nothing to do: the whole command line goes into the transaction's
     * comment anyway. */
}

/* Parses 'column_names', a list of column names separated by commas or
 * spaces ("_uuid" for the UUID), for 'table' into '*columnsp' (malloc'd,
 * NULL standing for "_uuid") and '*n_columnsp'.  A null 'column_names'
 * means "_uuid" followed by every column.  Exits on error. */
static void
parse_column_names(const char *column_names,
                   const struct ovsdb_idl_table_class *table,
                   const struct ovsdb_idl_column ***columnsp,
                   size_t *n_columnsp)
{
    const struct ovsdb_idl_column **columns;
    size_t n_columns;

    if (!column_names) {
        n_columns = table->n_columns + 1;
        columns = xmalloc(n_columns * sizeof *columns);
        columns[0] = NULL;
        for (size_t i = 0; i < table->n_columns; i++) {
            columns[i + 1] = &table->columns[i];
        }
    } else {
        char *s = xstrdup(column_names);
        size_t allocated_columns = 0;
        char *save_ptr = NULL;

        columns = NULL;
        n_columns = 0;
        for (char *name = strtok_r(s, ", ", &save_ptr); name;
             name = strtok_r(NULL, ", ", &save_ptr)) {
            const struct ovsdb_idl_column *column;

            if (!strcasecmp(name, "_uuid")) {
                column = NULL;
            } else {
                char *error = get_column(table, name, &column);
                if (error) {
                    free(s);
                    free(columns);
                    die_if_error(error);
                }
            }
            if (n_columns >= allocated_columns) {
                columns = x2nrealloc(columns, &allocated_columns,
                                     sizeof *columns);
            }
            columns[n_columns++] = column;
        }
        free(s);

        if (!n_columns) {
            ctl_fatal("must specify at least one column name");
        }
    }
    *columnsp = columns;
    *n_columnsp = n_columns;
}

static void
pre_list_columns(struct ctl_context *ctx,
                 const struct ovsdb_idl_table_class *table,
                 const char *column_names)
{
    const struct ovsdb_idl_column **columns;
    size_t n_columns;

    parse_column_names(column_names, table, &columns, &n_columns);
    for (size_t i = 0; i < n_columns; i++) {
        if (columns[i]) {
            ovsdb_idl_add_column(ctx->idl, columns[i]);
        }
    }
    free(columns);
}

/* Returns a new table with one column per element of 'columns'. */
static struct table *
list_make_table(const struct ovsdb_idl_column **columns, size_t n_columns)
{
    struct table *out = xmalloc(sizeof *out);

    table_init(out);
    for (size_t i = 0; i < n_columns; i++) {
        table_add_column(out, "%s", columns[i] ? columns[i]->name : "_uuid");
    }
    return out;
}

/* Adds a row to 'out' with the 'columns' of 'row'. */
static void
list_record(const struct ovsdb_idl_row *row,
            const struct ovsdb_idl_column **columns, size_t n_columns,
            struct table *out)
{
    table_add_row(out);
    for (size_t i = 0; i < n_columns; i++) {
        const struct ovsdb_idl_column *column = columns[i];
        struct cell *cell = table_add_cell(out);

        if (!column) {
            char uuid[UUID_LEN + 1];

            snprintf(uuid, sizeof uuid, UUID_FMT, UUID_ARGS(&row->uuid));
            cell->json = json_array_create_2(json_string_create("uuid"),
                                             json_string_create(uuid));
            cell->type = &ovsdb_type_uuid;
        } else {
            const struct ovsdb_datum *datum = ovsdb_idl_read(row, column);

            cell->json = ovsdb_datum_to_json(datum, &column->type);
            cell->type = &column->type;
        }
    }
}

static void
pre_cmd_list(struct ctl_context *ctx)
{
    const char *column_names = shash_find_data(&ctx->options, "--columns");
    const struct ovsdb_idl_table_class *table;

    table = pre_get_table(ctx, ctx->argv[1]);
    pre_list_columns(ctx, table, column_names);
}

static void
cmd_list(struct ctl_context *ctx)
{
    const char *column_names = shash_find_data(&ctx->options, "--columns");
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    const struct ovsdb_idl_column **columns;
    const struct ovsdb_idl_table_class *table;
    size_t n_columns;
    struct table *out;

    table = ctl_get_table(ctx->argv[1]);
    parse_column_names(column_names, table, &columns, &n_columns);
    out = ctx->table = list_make_table(columns, n_columns);
    if (ctx->argc > 2) {
        for (int i = 2; i < ctx->argc; i++) {
            const struct ovsdb_idl_row *row;

            row = ctl_get_row(ctx, table, ctx->argv[i], must_exist);
            if (row) {
                list_record(row, columns, n_columns, out);
            }
        }
    } else {
        for (const struct ovsdb_idl_row *row
                 = ovsdb_idl_first_row(ctx->idl, table);
             row; row = ovsdb_idl_next_row(row)) {
            list_record(row, columns, n_columns, out);
        }
    }
    free(columns);
}

/* The operators of conditions in "find" and "wait-until", longest match
 * first when several match. */
static const char *const condition_operators[] = {
    "=", "!=", "<", ">", "<=", ">=",
    "{=}", "{!=}", "{<}", "{>}", "{<=}", "{>=}", "{in}", "{not-in}",
};

enum condition_operator {
    OP_EQ, OP_NE, OP_LT, OP_GT, OP_LE, OP_GE,
    OP_SET_EQ, OP_SET_NE, OP_SET_LT, OP_SET_GT, OP_SET_LE, OP_SET_GE,
    OP_SET_IN, OP_SET_NOT_IN,
};

/* Returns true if "a OP b" holds, for datums of 'type'. */
static bool
evaluate_relop(const struct ovsdb_datum *a, const struct ovsdb_datum *b,
               const struct ovsdb_type *type, enum condition_operator op)
{
    switch (op) {
    case OP_EQ:
    case OP_SET_EQ:
        return ovsdb_datum_compare_3way(a, b, type) == 0;
    case OP_NE:
    case OP_SET_NE:
        return ovsdb_datum_compare_3way(a, b, type) != 0;
    case OP_LT:
        return ovsdb_datum_compare_3way(a, b, type) < 0;
    case OP_GT:
        return ovsdb_datum_compare_3way(a, b, type) > 0;
    case OP_LE:
        return ovsdb_datum_compare_3way(a, b, type) <= 0;
    case OP_GE:
        return ovsdb_datum_compare_3way(a, b, type) >= 0;

    case OP_SET_LT:
        return b->n > a->n && ovsdb_datum_includes_all(b, a, type);
    case OP_SET_GT:
        return a->n > b->n && ovsdb_datum_includes_all(a, b, type);
    case OP_SET_LE:
    case OP_SET_IN:
        return ovsdb_datum_includes_all(b, a, type);
    case OP_SET_GE:
        return ovsdb_datum_includes_all(a, b, type);
    case OP_SET_NOT_IN:
        return ovsdb_datum_excludes_all(b, a, type);

    default:
        OVS_NOT_REACHED();
    }
}

/* Returns true if 'op' is one of the "{...}" set operators. */
static bool
is_set_operator(enum condition_operator op)
{
    return op >= OP_SET_EQ;
}

/* Returns true if 'row' of 'table' satisfies the condition 'arg'
 * ("COLUMN[:KEY]OP VALUE").  Exits if 'arg' is malformed. */
static bool
is_condition_satisfied(const struct ovsdb_idl_table_class *table,
                       const struct ovsdb_idl_row *row, const char *arg,
                       struct ovsdb_symbol_table *symtab)
{
    const struct ovsdb_idl_column *column;
    const struct ovsdb_datum *have;
    char *key_string, *value_string;
    int op;
    bool retval;

    die_if_error(parse_column_key_value(arg, table, &column, &key_string,
                                        &op, condition_operators,
                                        ARRAY_SIZE(condition_operators),
                                        &value_string));

    have = ovsdb_idl_read(row, column);
    if (key_string) {
        struct ovsdb_type type;
        struct ovsdb_datum want;
        union ovsdb_atom key;
        unsigned int idx;

        if (column->type.value.type == OVSDB_TYPE_VOID) {
            ctl_fatal("cannot specify key to check for non-map column %s",
                      column->name);
        }

        die_if_error(ovsdb_atom_from_string(&key, NULL, &column->type.key,
                                            key_string, symtab));

        type.key = column->type.value;
        type.value.type = OVSDB_TYPE_VOID;
        type.n_min = 0;
        type.n_max = UINT_MAX;
        die_if_error(ovsdb_datum_from_string(&want, &type, value_string,
                                             symtab));

        if (!ovsdb_datum_find_key(have, &key, column->type.key.type, &idx)
            && !is_set_operator(op)) {
            retval = false;
        } else {
            struct ovsdb_datum a;

            if (ovsdb_datum_find_key(have, &key, column->type.key.type,
                                     &idx)) {
                a.n = 1;
                a.keys = &have->values[idx];
                a.values = NULL;
            } else {
                a.n = 0;
                a.keys = NULL;
                a.values = NULL;
            }
            retval = evaluate_relop(&a, &want, &type, op);
        }

        ovsdb_atom_destroy(&key, column->type.key.type);
        ovsdb_datum_destroy(&want, &type);
    } else {
        struct ovsdb_datum want;

        die_if_error(ovsdb_datum_from_string(&want, &column->type,
                                             value_string, symtab));
        retval = evaluate_relop(have, &want, &column->type, op);
        ovsdb_datum_destroy(&want, &column->type);
    }

    free(key_string);
    free(value_string);
    return retval;
}

static void
pre_cmd_find(struct ctl_context *ctx)
{
    const char *column_names = shash_find_data(&ctx->options, "--columns");
    const struct ovsdb_idl_table_class *table;

    table = pre_get_table(ctx, ctx->argv[1]);
    pre_list_columns(ctx, table, column_names);
    for (int i = 2; i < ctx->argc; i++) {
        pre_parse_column_key_value(ctx, ctx->argv[i], table);
    }
}

static void
cmd_find(struct ctl_context *ctx)
{
    const char *column_names = shash_find_data(&ctx->options, "--columns");
    const struct ovsdb_idl_column **columns;
    const struct ovsdb_idl_table_class *table;
    size_t n_columns;
    struct table *out;

    table = ctl_get_table(ctx->argv[1]);
    parse_column_names(column_names, table, &columns, &n_columns);
    out = ctx->table = list_make_table(columns, n_columns);
    for (const struct ovsdb_idl_row *row = ovsdb_idl_first_row(ctx->idl,
                                                               table);
         row; row = ovsdb_idl_next_row(row)) {
        int i;

        for (i = 2; i < ctx->argc; i++) {
            if (!is_condition_satisfied(table, row, ctx->argv[i],
                                        ctx->symtab)) {
                break;
            }
        }
        if (i == ctx->argc) {
            list_record(row, columns, n_columns, out);
        }
    }
    free(columns);
}

static void
pre_cmd_get(struct ctl_context *ctx)
{
    const char *id = shash_find_data(&ctx->options, "--id");
    const struct ovsdb_idl_table_class *table;

    /* Using "get" without --id or a column name could possibly make sense.
     * Maybe, for example, a *ctl command run wants to assert that a row
     * exists.  But it is unlikely that an interactive user would want to do
     * that, so issue a warning if we're running on a terminal. */
    if (!id && ctx->argc <= 3 && isatty(STDOUT_FILENO)) {
        VLOG_WARN("\"get\" command without row arguments or \"--id\" is "
                  "possibly erroneous");
    }

    table = pre_get_table(ctx, ctx->argv[1]);
    for (int i = 3; i < ctx->argc; i++) {
        if (strcasecmp(ctx->argv[i], "_uuid")
            && strcasecmp(ctx->argv[i], "-uuid")) {
            pre_parse_column_key_value(ctx, ctx->argv[i], table);
        }
    }
}

static void
cmd_get(struct ctl_context *ctx)
{
    const char *id = shash_find_data(&ctx->options, "--id");
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    const char *table_name = ctx->argv[1];
    const char *record_id = ctx->argv[2];
    const struct ovsdb_idl_table_class *table;
    const struct ovsdb_idl_row *row;
    struct ds *out = &ctx->output;

    if (id && !must_exist) {
        ctl_fatal("--if-exists and --id may not be specified together");
    }

    table = ctl_get_table(table_name);
    row = ctl_get_row(ctx, table, record_id, must_exist);
    if (!row) {
        return;
    }

    if (id) {
        struct ovsdb_symbol *symbol;
        bool new;

        symbol = create_symbol(ctx->symtab, id, &new);
        if (!new) {
            ctl_fatal("row id \"%s\" specified on \"get\" command was used "
                      "before it was defined", id);
        }
        symbol->uuid = row->uuid;

        /* The row already exists, so there is no point in warning that
         * nothing refers to it. */
        symbol->strong_ref = true;
    }

    for (int i = 3; i < ctx->argc; i++) {
        const struct ovsdb_idl_column *column;
        const struct ovsdb_datum *datum;
        char *key_string;

        /* Special case for obtaining the UUID of a row.  We can't just do
         * this through parse_column_key_value() below since it returns a
         * "struct ovsdb_idl_column" and the UUID column doesn't have one. */
        if (!strcasecmp(ctx->argv[i], "_uuid")
            || !strcasecmp(ctx->argv[i], "-uuid")) {
            ds_put_format(out, UUID_FMT"\n", UUID_ARGS(&row->uuid));
            continue;
        }

        die_if_error(parse_column_key_value(ctx->argv[i], table, &column,
                                            &key_string, NULL, NULL, 0,
                                            NULL));

        ovsdb_idl_txn_verify(row, column);
        datum = ovsdb_idl_read(row, column);
        if (key_string) {
            union ovsdb_atom key;
            unsigned int idx;

            if (column->type.value.type == OVSDB_TYPE_VOID) {
                ctl_fatal("cannot specify key to get for non-map column %s",
                          column->name);
            }

            die_if_error(ovsdb_atom_from_string(&key, NULL,
                                                &column->type.key,
                                                key_string, ctx->symtab));

            if (!ovsdb_datum_find_key(datum, &key, column->type.key.type,
                                      &idx)) {
                if (must_exist) {
                    ctl_fatal("no key \"%s\" in %s record \"%s\" column %s",
                              key_string, table->name, record_id,
                              column->name);
                }
            } else {
                ovsdb_atom_to_string(&datum->values[idx],
                                     column->type.value.type, out);
            }
            ovsdb_atom_destroy(&key, column->type.key.type);
        } else {
            ovsdb_datum_to_string(datum, &column->type, out);
        }
        ds_put_char(out, '\n');

        free(key_string);
    }
}

static void
pre_cmd_set(struct ctl_context *ctx)
{
    const struct ovsdb_idl_table_class *table;

    table = pre_get_table(ctx, ctx->argv[1]);
    for (int i = 3; i < ctx->argc; i++) {
        pre_parse_column_key_value(ctx, ctx->argv[i], table);
    }
}

static void
cmd_set(struct ctl_context *ctx)
{
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    const struct ovsdb_idl_table_class *table;
    const struct ovsdb_idl_row *row;

    table = ctl_get_table(ctx->argv[1]);
    row = ctl_get_row(ctx, table, ctx->argv[2], must_exist);
    if (!row) {
        return;
    }

    for (int i = 3; i < ctx->argc; i++) {
        set_column(table, row, ctx->argv[i], ctx->symtab, ctx->last_command);
    }
    invalidate_cache(ctx);
}

/* Prerequisites of "add", "remove" and "clear": the table and the column
 * (for "clear", every column) named. */
static void
pre_cmd_add(struct ctl_context *ctx)
{
    const struct ovsdb_idl_table_class *table;
    const struct ovsdb_idl_column *column;

    table = pre_get_table(ctx, ctx->argv[1]);
    die_if_error(get_column(table, ctx->argv[3], &column));
    ovsdb_idl_add_column(ctx->idl, column);
}

static void
cmd_add(struct ctl_context *ctx)
{
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    const struct ovsdb_idl_table_class *table;
    const struct ovsdb_idl_column *column;
    const struct ovsdb_idl_row *row;
    const struct ovsdb_type *type;
    struct ovsdb_datum *datum;

    table = ctl_get_table(ctx->argv[1]);
    die_if_error(get_column(table, ctx->argv[3], &column));
    row = ctl_get_row(ctx, table, ctx->argv[2], must_exist);
    if (!row) {
        return;
    }
    check_mutable(row, column);

    type = &column->type;
    datum = xmalloc(sizeof *datum);
    if (ctx->last_command) {
        ovsdb_datum_init_empty(datum);
    } else {
        ovsdb_datum_clone(datum, ovsdb_idl_read(row, column), type);
    }
    for (int i = 4; i < ctx->argc; i++) {
        struct ovsdb_type add_type;
        struct ovsdb_datum add;

        add_type = *type;
        add_type.n_min = 1;
        add_type.n_max = UINT_MAX;
        die_if_error(ovsdb_datum_from_string(&add, &add_type, ctx->argv[i],
                                             ctx->symtab));
        ovsdb_datum_union(datum, &add, type);
        ovsdb_datum_destroy(&add, type);
    }

    if (ctx->last_command) {
        if (ovsdb_type_is_map(type)) {
            ovsdb_idl_txn_write_partial_map(row, column, datum);
        } else {
            ovsdb_idl_txn_write_partial_set(row, column, datum);
        }
    } else {
        if (datum->n > type->n_max) {
            ctl_fatal("\"add\" operation would put %u %s in column %s of "
                      "table %s but the maximum number is %u",
                      datum->n,
                      type->value.type == OVSDB_TYPE_VOID ? "values" : "pairs",
                      column->name, table->name, type->n_max);
        }
        ovsdb_idl_txn_verify(row, column);
        ovsdb_idl_txn_write(row, column, datum);
        free(datum);
    }
    invalidate_cache(ctx);
}

static void
cmd_remove(struct ctl_context *ctx)
{
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    const struct ovsdb_idl_table_class *table;
    const struct ovsdb_idl_column *column;
    const struct ovsdb_idl_row *row;
    const struct ovsdb_type *type;
    struct ovsdb_datum old;

    table = ctl_get_table(ctx->argv[1]);
    die_if_error(get_column(table, ctx->argv[3], &column));
    row = ctl_get_row(ctx, table, ctx->argv[2], must_exist);
    if (!row) {
        return;
    }
    check_mutable(row, column);

    type = &column->type;
    ovsdb_datum_clone(&old, ovsdb_idl_read(row, column), type);
    for (int i = 4; i < ctx->argc; i++) {
        struct ovsdb_type rm_type;
        struct ovsdb_datum rm;
        char *error;

        rm_type = *type;
        rm_type.n_min = 1;
        rm_type.n_max = UINT_MAX;
        error = ovsdb_datum_from_string(&rm, &rm_type, ctx->argv[i],
                                        ctx->symtab);
        if (error) {
            if (ovsdb_type_is_map(&rm_type)) {
                /* A map element may also be removed by its key alone. */
                rm_type.value.type = OVSDB_TYPE_VOID;
                free(error);
                die_if_error(ovsdb_datum_from_string(&rm, &rm_type,
                                                     ctx->argv[i],
                                                     ctx->symtab));
            } else {
                die_if_error(error);
            }
        }
        ovsdb_datum_subtract(&old, type, &rm, &rm_type);
        ovsdb_datum_destroy(&rm, &rm_type);
    }

    if (old.n < type->n_min) {
        ctl_fatal("\"remove\" operation would put %u %s in column %s of "
                  "table %s but the minimum number is %u", old.n,
                  type->value.type == OVSDB_TYPE_VOID ? "values" : "pairs",
                  column->name, table->name, type->n_min);
    }
    ovsdb_idl_txn_verify(row, column);
    ovsdb_idl_txn_write(row, column, &old);
    invalidate_cache(ctx);
}

static void
pre_cmd_clear(struct ctl_context *ctx)
{
    const struct ovsdb_idl_table_class *table;

    table = pre_get_table(ctx, ctx->argv[1]);
    for (int i = 3; i < ctx->argc; i++) {
        const struct ovsdb_idl_column *column;

        die_if_error(get_column(table, ctx->argv[i], &column));
        ovsdb_idl_add_column(ctx->idl, column);
    }
}

static void
cmd_clear(struct ctl_context *ctx)
{
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    const struct ovsdb_idl_table_class *table;
    const struct ovsdb_idl_row *row;

    table = ctl_get_table(ctx->argv[1]);
    row = ctl_get_row(ctx, table, ctx->argv[2], must_exist);
    if (!row) {
        return;
    }

    for (int i = 3; i < ctx->argc; i++) {
        const struct ovsdb_idl_column *column;
        const struct ovsdb_type *type;
        struct ovsdb_datum datum;

        die_if_error(get_column(table, ctx->argv[i], &column));
        check_mutable(row, column);

        type = &column->type;
        if (type->n_min > 0) {
            ctl_fatal("\"clear\" operation cannot be applied to column %s "
                      "of table %s, which is not allowed to be empty",
                      column->name, table->name);
        }

        ovsdb_datum_init_empty(&datum);
        ovsdb_idl_txn_write(row, column, &datum);
    }
    invalidate_cache(ctx);
}

static void
pre_create(struct ctl_context *ctx)
{
    const char *id = shash_find_data(&ctx->options, "--id");
    const struct ovsdb_idl_table_class *table;

    table = ctl_get_table(ctx->argv[1]);
    if (!id && !table->is_root) {
        VLOG_WARN("applying \"create\" command to table %s without --id "
                  "option will have no effect", table->name);
    }
}

static void
cmd_create(struct ctl_context *ctx)
{
    const char *id = shash_find_data(&ctx->options, "--id");
    const struct ovsdb_idl_table_class *table;
    const struct ovsdb_idl_row *row;
    const struct uuid *uuid = NULL;

    table = ctl_get_table(ctx->argv[1]);
    if (id) {
        struct ovsdb_symbol *symbol = create_symbol(ctx->symtab, id, NULL);
        if (table->is_root) {
            /* Rows of root tables stay in the database even if nothing
             * refers to them, so there is nothing to warn about. */
            symbol->strong_ref = true;
        }
        uuid = &symbol->uuid;
    }

    row = ovsdb_idl_txn_insert(ctx->txn, table, uuid);
    for (int i = 2; i < ctx->argc; i++) {
        set_column(table, row, ctx->argv[i], ctx->symtab, false);
    }
    ds_put_format(&ctx->output, UUID_FMT, UUID_ARGS(&row->uuid));
}

/* Replaces the provisional UUID that cmd_create() printed by the one the
 * server assigned. */
static void
post_create(struct ctl_context *ctx)
{
    const struct uuid *real;
    struct uuid dummy;

    if (!uuid_from_string(&dummy, ds_cstr(&ctx->output))) {
        OVS_NOT_REACHED();
    }
    real = ovsdb_idl_txn_get_insert_uuid(ctx->txn, &dummy);
    if (real) {
        ds_clear(&ctx->output);
        ds_put_format(&ctx->output, UUID_FMT, UUID_ARGS(real));
    }
    ds_put_char(&ctx->output, '\n');
}

static void
pre_cmd_destroy(struct ctl_context *ctx)
{
    pre_get_table(ctx, ctx->argv[1]);
}

static void
cmd_destroy(struct ctl_context *ctx)
{
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    bool delete_all = shash_find(&ctx->options, "--all");
    const struct ovsdb_idl_table_class *table;

    table = ctl_get_table(ctx->argv[1]);
    if (delete_all && ctx->argc > 2) {
        ctl_fatal("--all and records argument should not be specified "
                  "together");
    }
    if (!delete_all && ctx->argc == 2) {
        VLOG_WARN("either --all or records argument should be specified");
        return;
    }

    if (delete_all) {
        const struct ovsdb_idl_row *row, *next;

        for (row = ovsdb_idl_first_row(ctx->idl, table); row; row = next) {
            next = ovsdb_idl_next_row(row);
            ovsdb_idl_txn_delete(row);
        }
    } else {
        for (int i = 2; i < ctx->argc; i++) {
            const struct ovsdb_idl_row *row;

            row = ctl_get_row(ctx, table, ctx->argv[i], must_exist);
            if (row) {
                ovsdb_idl_txn_delete(row);
            }
        }
    }
    invalidate_cache(ctx);
}

static void
pre_cmd_wait_until(struct ctl_context *ctx)
{
    const struct ovsdb_idl_table_class *table;

    table = pre_get_table(ctx, ctx->argv[1]);
    for (int i = 3; i < ctx->argc; i++) {
        pre_parse_column_key_value(ctx, ctx->argv[i], table);
    }
}

static void
cmd_wait_until(struct ctl_context *ctx)
{
    const struct ovsdb_idl_table_class *table;
    const struct ovsdb_idl_row *row;

    table = ctl_get_table(ctx->argv[1]);
    row = ctl_get_row(ctx, table, ctx->argv[2], false);
    if (!row) {
        ctx->try_again = true;
        return;
    }

    for (int i = 3; i < ctx->argc; i++) {
        if (!is_condition_satisfied(table, row, ctx->argv[i], ctx->symtab)) {
            ctx->try_again = true;
            return;
        }
    }
}

/* "show". */

/* Returns the show table for 'table', or NULL. */
static const struct cmd_show_table *
cmd_show_find_table(const struct ovsdb_idl_table_class *table)
{
    for (const struct cmd_show_table *show = cmd_show_tables;
         show && show->table; show++) {
        if (show->table == table) {
            return show;
        }
    }
    return NULL;
}

/* Returns the show table for the table named 'name', or NULL. */
static const struct cmd_show_table *
cmd_show_find_table_by_name(const char *name)
{
    for (const struct cmd_show_table *show = cmd_show_tables;
         show && show->table; show++) {
        if (!strcmp(show->table->name, name)) {
            return show;
        }
    }
    return NULL;
}

static void
pre_cmd_show(struct ctl_context *ctx)
{
    for (const struct cmd_show_table *show = cmd_show_tables;
         show && show->table; show++) {
        ovsdb_idl_add_table(ctx->idl, show->table);
        if (show->name_column) {
            ovsdb_idl_add_column(ctx->idl, show->name_column);
        }
        for (size_t i = 0; i < ARRAY_SIZE(show->columns); i++) {
            if (show->columns[i]) {
                ovsdb_idl_add_column(ctx->idl, show->columns[i]);
            }
        }
    }
}

/* Appends 'row' and what it refers to, indented by 'level', to the
 * output.  'shown' holds the names of the tables whose rows are being
 * shown above this one: a row of such a table gets only its title line,
 * which keeps cycles finite. */
static void
cmd_show_row(struct ctl_context *ctx, const struct ovsdb_idl_row *row,
             int level, struct sset *shown)
{
    const struct cmd_show_table *show
        = cmd_show_find_table(row->table->class_);
    struct ds *out = &ctx->output;

    ds_put_char_multiple(out, ' ', level * 4);
    if (show && show->name_column) {
        const struct ovsdb_datum *datum;

        ds_put_format(out, "%s ", show->table->name);
        datum = ovsdb_idl_read(row, show->name_column);
        ovsdb_datum_to_string(datum, &show->name_column->type, out);
    } else {
        ds_put_format(out, UUID_FMT, UUID_ARGS(&row->uuid));
    }
    ds_put_char(out, '\n');

    if (!show || sset_contains(shown, show->table->name)) {
        return;
    }

    sset_add(shown, show->table->name);
    for (size_t i = 0; i < ARRAY_SIZE(show->columns); i++) {
        const struct ovsdb_idl_column *column = show->columns[i];
        const struct cmd_show_table *ref_show;
        const struct ovsdb_datum *datum;

        if (!column) {
            break;
        }

        datum = ovsdb_idl_read(row, column);
        if (column->type.key.type == OVSDB_TYPE_UUID
            && column->type.key.u.uuid.refTableName) {
            ref_show = cmd_show_find_table_by_name(
                column->type.key.u.uuid.refTableName);
            if (ref_show) {
                for (size_t j = 0; j < datum->n; j++) {
                    const struct ovsdb_idl_row *ref_row;

                    ref_row = ovsdb_idl_get_row_for_uuid(
                        ctx->idl, ref_show->table, &datum->keys[j].uuid);
                    if (ref_row) {
                        cmd_show_row(ctx, ref_row, level + 1, shown);
                    }
                }
                continue;
            }
        } else if (ovsdb_type_is_map(&column->type)
                   && column->type.value.type == OVSDB_TYPE_UUID
                   && column->type.value.u.uuid.refTableName) {
            ref_show = cmd_show_find_table_by_name(
                column->type.value.u.uuid.refTableName);
            if (ref_show && ref_show->name_column) {
                /* A map from keys to rows of a shown table: list the keys
                 * with the names of the rows. */
                ds_put_char_multiple(out, ' ', (level + 1) * 4);
                ds_put_format(out, "%s:\n", column->name);
                for (size_t j = 0; j < datum->n; j++) {
                    const struct ovsdb_idl_row *ref_row;

                    ref_row = ovsdb_idl_get_row_for_uuid(
                        ctx->idl, ref_show->table, &datum->values[j].uuid);
                    if (ref_row) {
                        const struct ovsdb_datum *name;

                        name = ovsdb_idl_read(ref_row, ref_show->name_column);
                        ds_put_char_multiple(out, ' ', (level + 2) * 4);
                        ovsdb_atom_to_string(&datum->keys[j],
                                             column->type.key.type, out);
                        ds_put_char(out, '=');
                        ovsdb_datum_to_string(name,
                                              &ref_show->name_column->type,
                                              out);
                        ds_put_char(out, '\n');
                    }
                }
                continue;
            }
        }

        if (!ovsdb_datum_is_default(datum, &column->type)) {
            ds_put_char_multiple(out, ' ', (level + 1) * 4);
            ds_put_format(out, "%s: ", column->name);
            ovsdb_datum_to_string(datum, &column->type, out);
            ds_put_char(out, '\n');
        }
    }
    sset_find_and_delete_assert(shown, show->table->name);
}

static void
cmd_show(struct ctl_context *ctx)
{
    struct sset shown = SSET_INITIALIZER(&shown);

    for (const struct ovsdb_idl_row *row
             = ovsdb_idl_first_row(ctx->idl, cmd_show_tables[0].table);
         row; row = ovsdb_idl_next_row(row)) {
        cmd_show_row(ctx, row, 0, &shown);
    }
    sset_destroy(&shown);
}

static const struct ctl_command_syntax db_ctl_commands[] = {
    {"comment", 0, INT_MAX, "[ARG]...", NULL, cmd_comment, NULL, "", RO},
    {"get", 2, INT_MAX, "TABLE RECORD [COLUMN[:KEY]]...", pre_cmd_get,
     cmd_get, NULL, "--if-exists,--id=", RO},
    {"list", 1, INT_MAX, "TABLE [RECORD]...", pre_cmd_list, cmd_list, NULL,
     "--if-exists,--columns=", RO},
    {"find", 1, INT_MAX, "TABLE [COLUMN[:KEY]=VALUE]...", pre_cmd_find,
     cmd_find, NULL, "--columns=", RO},
    {"set", 3, INT_MAX, "TABLE RECORD COLUMN[:KEY]=VALUE...", pre_cmd_set,
     cmd_set, NULL, "--if-exists", RW},
    {"add", 4, INT_MAX, "TABLE RECORD COLUMN [KEY=]VALUE...", pre_cmd_add,
     cmd_add, NULL, "--if-exists", RW},
    {"remove", 4, INT_MAX, "TABLE RECORD COLUMN KEY|VALUE|KEY=VALUE...",
     pre_cmd_add, cmd_remove, NULL, "--if-exists", RW},
    {"clear", 3, INT_MAX, "TABLE RECORD COLUMN...", pre_cmd_clear,
     cmd_clear, NULL, "--if-exists", RW},
    {"create", 2, INT_MAX, "TABLE COLUMN[:KEY]=VALUE...", pre_create,
     cmd_create, post_create, "--id=", RW},
    {"destroy", 1, INT_MAX, "TABLE [RECORD]...", pre_cmd_destroy,
     cmd_destroy, NULL, "--if-exists,--all", RW},
    {"wait-until", 2, INT_MAX, "TABLE RECORD [COLUMN[:KEY]=VALUE]...",
     pre_cmd_wait_until, cmd_wait_until, NULL, "", RO},
    {NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, RO},
};

static void
ctl_register_db_commands(void)
{
    ctl_register_commands(db_ctl_commands);
    if (cmd_show_tables) {
        static const struct ctl_command_syntax show[] = {
            {"show", 0, 0, "", pre_cmd_show, cmd_show, NULL, "", RO},
            {NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, RO},
        };
        ctl_register_commands(show);
    }
}
