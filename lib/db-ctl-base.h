/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef DB_CTL_BASE_H
#define DB_CTL_BASE_H 1

/* The machinery shared by database "-ctl" programs such as ovs-vsctl.
 *
 * Such a program takes a chain of commands separated by "--" arguments,
 * each with its own options ("--if-exists", "--id=@name", ...), and runs
 * them all in one database transaction:
 *
 *   1. ctl_parse_commands() turns the command line into struct
 *      ctl_commands, checking names, options and argument counts against
 *      the registered struct ctl_command_syntax.
 *
 *   2. Each command's 'prerequisites' callback tells the IDL which tables
 *      and columns the command needs (and may reject bad table or column
 *      names before the database is even contacted).
 *
 *   3. Once the IDL has the database contents, each command's 'run'
 *      callback reads and changes the replica inside the transaction,
 *      writing its output to its context's 'output' or 'table'.
 *
 *   4. After a successful commit, each 'postprocess' callback may fix up
 *      the output (e.g. replace the provisional UUID of an inserted row by
 *      the one the server assigned).
 *
 * This module provides the generic database commands: comment, get, list,
 * find, set, add, remove, clear, create, destroy, wait-until and, when the
 * program supplies a description of what to show, show.  A program
 * describes how records of each table may be named on the command line
 * with struct ctl_table_class.
 *
 * Errors are reported with ctl_fatal(), which logs, prints
 * "PROGRAM: MESSAGE" on stderr and exits through the program's exit
 * function. */

#include <stdbool.h>
#include <stddef.h>
#include "openvswitch/compiler.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/shash.h"

struct option;
struct ovsdb_idl;
struct ovsdb_idl_class;
struct ovsdb_idl_column;
struct ovsdb_idl_row;
struct ovsdb_idl_table_class;
struct ovsdb_idl_txn;
struct ovsdb_symbol_table;
struct table;
struct ctl_context;

/* How a record of some table may be named on the command line, besides by
 * its UUID (or a unique prefix of at least 4 hex digits of it) and, for a
 * table that holds exactly one row, by ".":
 *
 *   - If 'uuid_column' is NULL: the rows of the table that 'name_column'
 *     belongs to (the table itself) whose 'name_column' (a string or
 *     integer column) equals the name.
 *
 *   - Otherwise: find the row of the table that 'name_column' belongs to
 *     (another table) whose 'name_column' equals the name, and follow its
 *     'uuid_column', a reference to at most one row of this table. */
struct ctl_row_id {
    const struct ovsdb_idl_column *name_column; /* Column to match. */
    const struct ovsdb_idl_column *uuid_column; /* Reference to follow, or
                                                 * NULL. */
};

/* The ways of naming the records of one table. */
struct ctl_table_class {
    const struct ovsdb_idl_table_class *class; /* The table. */
    struct ctl_row_id row_ids[4];  /* Tried in order; unused ones are
                                    * zeroed. */
};

/* One table as "show" prints it: each row as "TABLE NAME" (NAME from
 * 'name_column', or the row's UUID if it is NULL), then indented, each
 * non-default column in 'columns': a reference to a table that has a
 * struct cmd_show_table is shown recursively, anything else as
 * "column: value". */
struct cmd_show_table {
    const struct ovsdb_idl_table_class *table; /* The table. */
    const struct ovsdb_idl_column *name_column; /* Name, or NULL. */
    const struct ovsdb_idl_column *columns[4]; /* Columns shown, in order;
                                                * unused ones NULL. */
};

/* Whether a command may write to the database. */
enum ctl_command_mode {
    RO,                         /* Only reads. */
    RW                          /* May write. */
};

/* A command that a program understands. */
struct ctl_command_syntax {
    const char *name;           /* Name, e.g. "add-br". */
    int min_args;               /* Minimum number of arguments. */
    int max_args;               /* Maximum number, INT_MAX for no limit. */

    /* The arguments, for --help and --commands, in the form
     * "TABLE RECORD [COLUMN[:KEY]=VALUE]...". */
    const char *arguments;

    /* Says which tables and columns 'run' will need, through
     * ovsdb_idl_add_column() and friends on ctx->idl (ctx->txn is NULL).
     * May be NULL. */
    void (*prerequisites)(struct ctl_context *ctx);

    /* Does the work.  Runs with the replica up to date and ctx->txn open.
     * May set ctx->try_again to make the whole chain run again once the
     * replica changes. */
    void (*run)(struct ctl_context *ctx);

    /* Runs after a successful commit.  May be NULL. */
    void (*postprocess)(struct ctl_context *ctx);

    /* The options the command accepts, separated by commas, each ending in
     * "=" if it takes an argument: e.g. "--if-exists,--columns=". */
    const char *options;

    enum ctl_command_mode mode; /* RO or RW. */
};

/* A command as parsed from the command line. */
struct ctl_command {
    const struct ctl_command_syntax *syntax; /* What it is. */
    int argc;                   /* Number of 'argv', the name included. */
    char **argv;                /* Name, then arguments. */
    struct shash options;       /* "--option" -> argument (char *, or NULL
                                 * for an option without argument). */
    struct ds output;           /* Plain output. */
    struct table *table;        /* Tabular output, or NULL. */
};

/* What a command's callbacks get.  A program may embed it in a larger
 * structure of its own (as the first member) to keep a cache. */
struct ctl_context {
    /* The command. */
    int argc;                   /* Number of 'argv', the name included. */
    char **argv;                /* Name, then arguments. */
    struct shash options;       /* As in struct ctl_command. */

    /* Output: plain text in 'output', or a table in 'table'. */
    struct ds output;           /* Plain output. */
    struct table *table;        /* Tabular output, or NULL. */

    /* The database. */
    struct ovsdb_idl *idl;      /* The IDL. */
    struct ovsdb_idl_txn *txn;  /* The transaction, NULL during
                                 * prerequisites. */
    struct ovsdb_symbol_table *symtab; /* Row ids ("@name"). */

    /* Set by 'run' to have the whole chain run again once the replica
     * changes (e.g. by "wait-until"). */
    bool try_again;

    /* True while running the last command of the chain.  A command that
     * changes part of a map or set may then do so with a partial update
     * (a "mutate" operation), since no later command reads the column. */
    bool last_command;

    /* Called when a command changed the database in a way that
     * invalidates a cache the program keeps, or NULL. */
    void (*invalidate_cache_cb)(struct ctl_context *);

    void *pvt;                  /* For the program. */
};

/* Initialization.  'idl_class' describes the database, 'ctl_classes' (an
 * array with one element per table of 'idl_class', in the same order) how
 * its records may be named, 'show_tables' (terminated by an element whose
 * 'table' is NULL, or NULL for no "show" command) what "show" prints, and
 * 'exit_func' how the program exits (it must not return). */
void ctl_init__(const struct ovsdb_idl_class *idl_class,
                const struct ctl_table_class *ctl_classes,
                const struct cmd_show_table *show_tables,
                void (*exit_func)(int status));
#define ctl_init(IDL_CLASS, CTL_CLASSES, SHOW_TABLES, EXIT_FUNC) \
    ctl_init__(IDL_CLASS, CTL_CLASSES, SHOW_TABLES, EXIT_FUNC)

/* Registers the commands in 'commands', an array terminated by an element
 * whose 'name' is NULL. */
void ctl_register_commands(const struct ctl_command_syntax *commands);

/* Logs 'format' at ERR level, prints "PROGRAM: MESSAGE" on stderr and
 * exits with status 1 through the program's exit function. */
void ctl_fatal(const char *format, ...) OVS_PRINTF_FORMAT(1, 2)
    OVS_NO_RETURN;

/* Returns the default database, "unix:RUNDIR/db.sock" (malloc'd). */
char *ctl_default_db(void);

/* Parsing the command line. */

/* Adds to '*options' (an array of 'n_options' getopt options, with
 * '*allocated_options' allocated) every option of every registered
 * command that is not in it yet, with 'opt_val' as their 'val', and a
 * terminating all-zeros element. */
void ctl_add_cmd_options(struct option **options, size_t *n_options,
                         size_t *allocated_options, int opt_val);

/* Records, in 'local_options', the command option that getopt_long()
 * returned with 'opt_val' (see ctl_add_cmd_options()): 'name' is the long
 * option's name without "--" and 'arg' its argument or NULL.  The first
 * command of the chain gets these options. */
void ctl_add_local_option(struct shash *local_options, const char *name,
                          const char *arg);

/* Parses the 'argc' arguments in 'argv' (what remains of the command line
 * after the global options) into a chain of commands, stored in
 * '*commandsp' (malloc'd) and '*n_commandsp'.  'local_options' (which
 * this empties) are command options that came before the first command.
 * Exits with an error message on failure. */
void ctl_parse_commands(int argc, char *argv[], struct shash *local_options,
                        struct ctl_command **commandsp, size_t *n_commandsp);

/* Returns true if any of the 'n' commands may write to the database. */
bool ctl_might_write_to_db(const struct ctl_command *, size_t n);

/* Frees the commands from ctl_parse_commands(). */
void ctl_free_commands(struct ctl_command *, size_t n);

/* Help. */

/* Prints, for --commands, each registered command as
 * "[--opt] [--opt2=] ,name,ARGS" with ARGS in a compact notation (!X
 * required, ?X optional, *X any number, +X one or more). */
void ctl_print_commands(void);

/* Prints, for --options, the long and short options in 'options'. */
void ctl_print_options(const struct option *options);

/* Returns the usage text of the generic database commands (static). */
const char *ctl_get_db_cmd_usage(void);

/* Prints how the records of each table may be named. */
void ctl_print_table_naming_usage(void);

/* Running commands. */

/* Initializes 'ctx' for running 'command' (which may be NULL, for
 * prerequisites of nothing) with 'idl', 'txn', 'symtab' and
 * 'invalidate_cache_cb'.  Moves the command's options, output and table
 * into 'ctx'; ctl_context_done() moves them back. */
void ctl_context_init(struct ctl_context *ctx, struct ctl_command *command,
                      struct ovsdb_idl *idl, struct ovsdb_idl_txn *txn,
                      struct ovsdb_symbol_table *symtab,
                      void (*invalidate_cache_cb)(struct ctl_context *));
void ctl_context_init_command(struct ctl_context *ctx,
                              struct ctl_command *command, bool last);
void ctl_context_done_command(struct ctl_context *ctx,
                              struct ctl_command *command);
void ctl_context_done(struct ctl_context *ctx, struct ctl_command *command);

/* Helpers for commands. */

/* Returns the table whose name matches 'table_name' (exactly, or
 * case-insensitively with '-' matching '_', or as an unambiguous prefix),
 * or exits with an error. */
const struct ovsdb_idl_table_class *ctl_get_table(const char *table_name);

/* Returns the row of 'table' named 'record_id', or exits with "no row"
 * unless 'must_exist' is false (then returns NULL). */
const struct ovsdb_idl_row *ctl_get_row(struct ctl_context *ctx,
                                        const struct ovsdb_idl_table_class *,
                                        const char *record_id,
                                        bool must_exist);

/* Parses 'arg', "COLUMN[:KEY]=VALUE", and sets that column (or key) of
 * 'row' of table 'table_name' in the open transaction.  Values that are
 * UUIDs may use "@name" row ids from 'symtab'.  Exits on error. */
void ctl_set_column(const char *table_name, const struct ovsdb_idl_row *row,
                    const char *arg, struct ovsdb_symbol_table *symtab);

#endif /* db-ctl-base.h */
