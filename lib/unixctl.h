/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef UNIXCTL_H
#define UNIXCTL_H 1

/* unixctl: the control channel of every daemon, the one that
 * "ovs-appctl" talks to.
 *
 * A daemon creates a server listening on a Unix domain socket (by default
 * $OVS_RUNDIR/PROGRAM.PID.ctl) and registers commands.  A client sends a
 * JSON-RPC request whose method is the command name and whose params are
 * the arguments, all strings; the reply's "result" (on success) or
 * "error" (on failure) is a string of text, ending in a new-line unless
 * empty.
 *
 * Every server has the built-in commands "list-commands" (also "help"),
 * which lists the registered commands with their usage, and "version". */

#include <stdbool.h>
#include "openvswitch/compiler.h"

struct jsonrpc;
struct unixctl_conn;
struct unixctl_server;

/* Server. */
int unixctl_server_create(const char *path, struct unixctl_server **);
void unixctl_server_run(struct unixctl_server *);
void unixctl_server_wait(struct unixctl_server *);
void unixctl_server_destroy(struct unixctl_server *);
const char *unixctl_server_get_path(const struct unixctl_server *);

/* Command callback: 'argv[0]' is the command name and 'argv[1]' through
 * 'argv[argc - 1]' its arguments (between the registered 'min_args' and
 * 'max_args' of them).  The callback must eventually (now, or later from
 * the main loop) call unixctl_command_reply() or
 * unixctl_command_reply_error() on 'conn' exactly once. */
typedef void unixctl_cb_func(struct unixctl_conn *conn, int argc,
                             const char *argv[], void *aux);
void unixctl_command_register(const char *name, const char *usage,
                              int min_args, int max_args,
                              unixctl_cb_func *cb, void *aux);
void unixctl_command_reply_error(struct unixctl_conn *, const char *error);
void unixctl_command_reply(struct unixctl_conn *, const char *body);

/* Client. */
int unixctl_client_create(const char *path, struct jsonrpc **client);
int unixctl_client_transact(struct jsonrpc *client, const char *command,
                            int argc, char *argv[],
                            char **result, char **error);

#endif /* unixctl.h */
