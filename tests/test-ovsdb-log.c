/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Drives ovsdb/log.c from the command line:
 *
 *     test-ovsdb-log io FILE MODE [MAGIC] COMMAND...
 *
 * opens FILE in MODE ("read-only", "read-write", "create", "create-excl")
 * with MAGIC (default "OVSDB JSON"; "any" means "OVSDB JSON|OVSDB
 * CLUSTER"), then runs each COMMAND in order and prints what happened, one
 * line each:
 *
 *     read               read one record
 *     read-all           read records until the end or an error
 *     unread             ovsdb_log_unread()
 *     write:JSON         append JSON
 *     commit             ovsdb_log_commit_block()
 *     truncate-tail      ovsdb_log_truncate_tail()
 *     offset             print ovsdb_log_get_offset()
 *     grew-lots          mark the base, then write until the log "grew lots"
 *     replace:J1;J2;...  ovsdb_log_replace() with the records J1, J2, ...
 *     replace-abort:J1   start a replacement, write J1, abort it
 *     lock-child         fork a child that tries to open FILE read/write
 *     lock-self          try to open FILE read/write again in this process
 *     run:COMMAND        run shell COMMAND (with the log still open) and
 *                        print its exit status
 *
 *     rewrite            read the remaining records, then replace the log
 *                        with them (ovsdb_log_replace())
 *
 *     test-ovsdb-log print JSON...
 *
 * prints each JSON text as a log record holds it (json_to_string() with
 * no flags).
 *
 *     test-ovsdb-log parse FILE...
 *
 * parses the contents of each FILE as the log parses a record's data
 * (json_parse() with no flags) and prints the JSON or the error. */

#include <config.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "json.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "ovsdb-error.h"
#include "ovsdb/log.h"
#include "ovstest.h"

static json_t *
parse_json_arg(const char *s)
{
    json_t *json;
    char *error = json_parse(s, strlen(s), JSPF_VALUE, &json);

    if (error) {
        ovs_fatal(0, "%s: bad JSON (%s)", s, error);
    }
    return json;
}

/* Prints 'error' (and frees it) or "successful" after 'what'. */
static void
print_result(const char *name, const char *what, struct ovsdb_error *error)
{
    if (error) {
        char *s = ovsdb_error_to_string_free(error);
        printf("%s: %s failed: %s\n", name, what, s);
        free(s);
    } else {
        printf("%s: %s successful\n", name, what);
    }
}

/* Reads one record from 'log' and prints it.  Returns false at the end of
 * the log or on error. */
static bool
do_read(const char *name, struct ovsdb_log *log)
{
    struct ovsdb_error *error;
    json_t *json;

    error = ovsdb_log_read(log, &json);
    if (error) {
        char *s = ovsdb_error_to_string_free(error);
        printf("%s: read failed: %s\n", name, s);
        free(s);
        return false;
    } else if (!json) {
        printf("%s: read: end of log\n", name);
        return false;
    } else {
        char *s = json_to_string(json, 0);
        printf("%s: read: %s\n", name, s);
        free(s);
        json_decref(json);
        return true;
    }
}

static enum ovsdb_log_open_mode
parse_mode(const char *s)
{
    if (!strcmp(s, "read-only")) {
        return OVSDB_LOG_READ_ONLY;
    } else if (!strcmp(s, "read-write")) {
        return OVSDB_LOG_READ_WRITE;
    } else if (!strcmp(s, "create")) {
        return OVSDB_LOG_CREATE;
    } else if (!strcmp(s, "create-excl")) {
        return OVSDB_LOG_CREATE_EXCL;
    }
    ovs_fatal(0, "%s: unknown open mode", s);
}

/* Tries to open 'name' read/write in a child process and reports how that
 * went. */
static void
do_lock_child(const char *name)
{
    pid_t pid;
    int status;

    fflush(stdout);
    pid = fork();
    if (pid < 0) {
        ovs_fatal(errno, "fork failed");
    } else if (!pid) {
        struct ovsdb_log *log;
        struct ovsdb_error *error;

        error = ovsdb_log_open(name, OVSDB_MAGIC, OVSDB_LOG_READ_WRITE, -1,
                               &log);
        print_result(name, "open in child", error);
        ovsdb_log_close(log);
        fflush(stdout);
        _exit(0);
    }
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
        ovs_fatal(0, "child failed");
    }
}

static void
do_io(int argc, char *argv[])
{
    const char *name = argv[1];
    enum ovsdb_log_open_mode mode = parse_mode(argv[2]);
    const char *magic = OVSDB_MAGIC;
    struct ovsdb_error *error;
    struct ovsdb_log *log;
    int i = 3;

    if (i < argc && !strchr(argv[i], ':') && !strncmp(argv[i], "OVSDB", 5)) {
        magic = argv[i++];
    } else if (i < argc && !strcmp(argv[i], "any")) {
        magic = OVSDB_MAGIC"|"RAFT_MAGIC;
        i++;
    }

    error = ovsdb_log_open(name, magic, mode, -1, &log);
    print_result(name, "open", ovsdb_error_clone(error));
    if (error) {
        ovsdb_error_destroy(error);
        return;
    }
    printf("%s: magic: %s\n", name, ovsdb_log_get_magic(log));

    for (; i < argc; i++) {
        const char *cmd = argv[i];

        if (!strcmp(cmd, "read")) {
            do_read(name, log);
        } else if (!strcmp(cmd, "read-all")) {
            while (do_read(name, log)) {
                continue;
            }
        } else if (!strcmp(cmd, "unread")) {
            ovsdb_log_unread(log);
            printf("%s: unread\n", name);
        } else if (!strncmp(cmd, "write:", 6)) {
            json_t *json = parse_json_arg(cmd + 6);
            print_result(name, cmd, ovsdb_log_write_and_free(log, json));
        } else if (!strcmp(cmd, "commit")) {
            print_result(name, cmd, ovsdb_log_commit_block(log));
        } else if (!strcmp(cmd, "truncate-tail")) {
            print_result(name, cmd, ovsdb_log_truncate_tail(log));
        } else if (!strcmp(cmd, "offset")) {
            printf("%s: offset: %lld\n", name,
                   (long long int) ovsdb_log_get_offset(log));
        } else if (!strcmp(cmd, "grew-lots")) {
            json_t *json = json_pack("{s:s}", "padding", "");
            char *pad = xmalloc(4096 + 1);
            int n = 0;

            memset(pad, 'x', 4096);
            pad[4096] = '\0';
            json_object_set_new(json, "padding", json_string(pad));
            ovsdb_log_mark_base(log);
            while (!ovsdb_log_grew_lots(log)) {
                ovsdb_error_assert(ovsdb_log_write(log, json));
                n++;
            }
            printf("%s: grew lots after %d records, %lld bytes\n", name, n,
                   (long long int) ovsdb_log_get_offset(log));
            json_decref(json);
            free(pad);
        } else if (!strncmp(cmd, "replace:", 8)) {
            char *copy = xstrdup(cmd + 8);
            json_t **entries = NULL;
            size_t n = 0, allocated = 0;
            char *save = NULL;

            for (char *s = strtok_r(copy, ";", &save); s;
                 s = strtok_r(NULL, ";", &save)) {
                if (n >= allocated) {
                    entries = x2nrealloc(entries, &allocated,
                                         sizeof *entries);
                }
                entries[n++] = parse_json_arg(s);
            }
            print_result(name, "replace",
                         ovsdb_log_replace(log, entries, n));
            for (size_t j = 0; j < n; j++) {
                json_decref(entries[j]);
            }
            free(entries);
            free(copy);
        } else if (!strncmp(cmd, "replace-abort:", 14)) {
            struct ovsdb_log *new;

            error = ovsdb_log_replace_start(log, &new);
            if (!error) {
                error = ovsdb_log_write_and_free(new,
                                                 parse_json_arg(cmd + 14));
                ovsdb_log_replace_abort(new);
            }
            print_result(name, "replace-abort", error);
        } else if (!strcmp(cmd, "lock-child")) {
            do_lock_child(name);
        } else if (!strcmp(cmd, "lock-self")) {
            struct ovsdb_log *log2;

            error = ovsdb_log_open(name, OVSDB_MAGIC, OVSDB_LOG_READ_WRITE,
                                   -1, &log2);
            print_result(name, "open again", error);
            ovsdb_log_close(log2);
        } else if (!strcmp(cmd, "rewrite")) {
            json_t **entries = NULL;
            size_t n = 0, allocated = 0;
            json_t *json;

            for (;;) {
                error = ovsdb_log_read(log, &json);
                if (error || !json) {
                    break;
                }
                if (n >= allocated) {
                    entries = x2nrealloc(entries, &allocated,
                                         sizeof *entries);
                }
                entries[n++] = json;
            }
            if (!error) {
                error = ovsdb_log_replace(log, entries, n);
            }
            print_result(name, "rewrite", error);
            for (size_t j = 0; j < n; j++) {
                json_decref(entries[j]);
            }
            free(entries);
        } else if (!strncmp(cmd, "run:", 4)) {
            int status;

            fflush(stdout);
            status = system(cmd + 4);
            printf("%s: run: exit status %d\n", name,
                   WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        } else {
            ovs_fatal(0, "%s: unknown command", cmd);
        }
    }
    ovsdb_log_close(log);
}

static void
do_print(int argc, char *argv[])
{
    for (int i = 1; i < argc; i++) {
        json_t *json = parse_json_arg(argv[i]);
        char *s = json_to_string(json, 0);

        puts(s);
        free(s);
        json_decref(json);
    }
}

static void
do_parse(int argc, char *argv[])
{
    for (int i = 1; i < argc; i++) {
        struct ds text = DS_EMPTY_INITIALIZER;
        char *error_text;
        json_t *json;
        FILE *stream;
        int c;

        stream = fopen(argv[i], "rb");
        if (!stream) {
            ovs_fatal(errno, "%s: open failed", argv[i]);
        }
        while ((c = getc(stream)) != EOF) {
            ds_put_char(&text, c);
        }
        fclose(stream);

        error_text = json_parse(text.string ? text.string : "",
                                text.length, 0, &json);
        if (!error_text) {
            char *s = json_to_string(json, 0);
            printf("%s: %s\n", argv[i], s);
            free(s);
            json_decref(json);
        } else {
            printf("%s: (%s)\n", argv[i], error_text);
            free(error_text);
        }
        ds_destroy(&text);
    }
}

static void
test_ovsdb_log_main(int argc, char *argv[])
{
    static const struct ovstest_command commands[] = {
        { "io", 2, INT_MAX, do_io },
        { "print", 1, INT_MAX, do_print },
        { "parse", 1, INT_MAX, do_parse },
        { NULL, 0, 0, NULL },
    };

    setvbuf(stdout, NULL, _IOLBF, 0);
    ovstest_run_commands(argc, argv, commands);
}

OVSTEST_REGISTER("test-ovsdb-log", test_ovsdb_log_main);
