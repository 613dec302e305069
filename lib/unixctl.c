/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "unixctl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dirs.h"
#include "json.h"
#include "jsonrpc.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/list.h"
#include "openvswitch/shash.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "socket-util.h"
#include "stream.h"

VLOG_DEFINE_THIS_MODULE(unixctl);

/* A registered command. */
struct unixctl_command {
    const char *usage;          /* Usage text, e.g. "[module]...". */
    int min_args;               /* Fewest arguments accepted. */
    int max_args;               /* Most arguments accepted. */
    unixctl_cb_func *cb;        /* Implementation. */
    void *aux;                  /* Passed to 'cb'. */
};

/* A client connection to a server. */
struct unixctl_conn {
    struct ovs_list node;       /* In the server's 'conns'. */
    struct jsonrpc *rpc;        /* The connection. */
    json_t *request_id;         /* Id of the request being processed, or
                                 * NULL if none. */
};

/* A server. */
struct unixctl_server {
    struct pstream *listener;   /* Listening socket. */
    struct ovs_list conns;      /* Contains struct unixctl_conns. */
    char *path;                 /* Socket file name. */
};

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);

/* All registered commands, by name. */
static struct shash commands = SHASH_INITIALIZER(&commands);

/* "list-commands" and "help". */
static void
unixctl_list_commands(struct unixctl_conn *conn, int argc OVS_UNUSED,
                      const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    const struct shash_node **nodes = shash_sort(&commands);

    ds_put_cstr(&ds, "The available commands are:\n");
    for (size_t i = 0; i < shash_count(&commands); i++) {
        const struct shash_node *node = nodes[i];
        const struct unixctl_command *command = node->data;

        ds_put_format(&ds, "  %-23s %s\n", node->name, command->usage);
    }
    free(nodes);

    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

/* "version". */
static void
unixctl_version(struct unixctl_conn *conn, int argc OVS_UNUSED,
                const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    char *version = xasprintf("%s (Weft) %s", program_name,
                              get_program_version());

    unixctl_command_reply(conn, version);
    free(version);
}

/* Registers a command 'name' (e.g. "vlog/set") with usage text 'usage'
 * (shown by "list-commands"; may be NULL) that accepts 'min_args' to
 * 'max_args' arguments.  When a client runs it, calls
 * 'cb(conn, argc, argv, aux)', which must reply (see unixctl_cb_func).
 * Registering the same name twice with the same callback does nothing;
 * with another callback it is a bug. */
void
unixctl_command_register(const char *name, const char *usage,
                         int min_args, int max_args,
                         unixctl_cb_func *cb, void *aux)
{
    struct unixctl_command *command = shash_find_data(&commands, name);

    ovs_assert(min_args >= 0 && max_args >= min_args);
    if (command) {
        ovs_assert(command->cb == cb);
        return;
    }

    command = xmalloc(sizeof *command);
    command->usage = usage ? usage : "";
    command->min_args = min_args;
    command->max_args = max_args;
    command->cb = cb;
    command->aux = aux;
    shash_add(&commands, name, command);
}

/* Registers the built-in commands, once. */
static void
unixctl_register_builtins(void)
{
    static bool registered;

    if (!registered) {
        registered = true;
        unixctl_command_register("help", "", 0, 0, unixctl_list_commands,
                                 NULL);
        unixctl_command_register("list-commands", "", 0, 0,
                                 unixctl_list_commands, NULL);
        unixctl_command_register("version", "", 0, 0, unixctl_version,
                                 NULL);
    }
}

/* Sends the reply (result 'body', or error 'body' if 'is_error') to the
 * request that 'conn' is processing.  A non-empty text gets a final
 * new-line if it lacks one. */
static void
unixctl_command_reply__(struct unixctl_conn *conn, bool is_error,
                        const char *body)
{
    struct jsonrpc_msg *reply;
    json_t *text;

    if (!conn->request_id) {
        /* The connection died, or this is a second reply (a bug). */
        VLOG_DBG("reply to a request that is no longer pending");
        return;
    }

    if (!body) {
        body = "";
    }
    if (body[0] && body[strlen(body) - 1] != '\n') {
        text = json_string_create_nocopy(xasprintf("%s\n", body));
    } else {
        text = json_string_create(body);
    }

    reply = (is_error
             ? jsonrpc_create_error(text, conn->request_id)
             : jsonrpc_create_reply(text, conn->request_id));
    jsonrpc_send(conn->rpc, reply);
    json_decref(conn->request_id);
    conn->request_id = NULL;
}

/* Replies to the command that 'conn' is processing with success and
 * 'body' (which may be NULL for no output). */
void
unixctl_command_reply(struct unixctl_conn *conn, const char *body)
{
    unixctl_command_reply__(conn, false, body);
}

/* Replies to the command that 'conn' is processing with failure, described
 * by 'error'.  "ovs-appctl" prints it on stderr and exits with status
 * 2. */
void
unixctl_command_reply_error(struct unixctl_conn *conn, const char *error)
{
    unixctl_command_reply__(conn, true, error);
}

/* Creates a server listening on 'path', storing it in '*serverp'.
 *
 *   - NULL: the default, $OVS_RUNDIR/PROGRAM.PID.ctl.
 *   - "none": no server; stores NULL and returns 0.
 *   - anything else: that file, relative to the run directory if
 *     relative.
 *
 * Returns 0 if successful, otherwise a positive errno value (and stores
 * NULL). */
int
unixctl_server_create(const char *path, struct unixctl_server **serverp)
{
    struct unixctl_server *server;
    struct pstream *listener;
    char *abs_path, *punix_path;
    int error;

    *serverp = NULL;
    if (path && !strcmp(path, "none")) {
        return 0;
    }

    if (path) {
        abs_path = abs_file_name(ovs_rundir(), path);
    } else {
        abs_path = xasprintf("%s/%s.%ld.ctl", ovs_rundir(), program_name,
                             (long int) getpid());
    }

    punix_path = xasprintf("punix:%s", abs_path);
    error = pstream_open(punix_path, &listener, 0);
    free(punix_path);
    if (error) {
        ovs_error(error, "%s: could not initialize control socket",
                  abs_path);
        free(abs_path);
        return error;
    }

    unixctl_register_builtins();

    server = xmalloc(sizeof *server);
    server->listener = listener;
    server->path = abs_path;
    ovs_list_init(&server->conns);
    *serverp = server;
    return 0;
}

/* Returns the file name of 'server''s socket. */
const char *
unixctl_server_get_path(const struct unixctl_server *server)
{
    return server ? server->path : NULL;
}

/* Runs the command that 'request' asks for on 'conn'. */
static void
process_command(struct unixctl_conn *conn, struct jsonrpc_msg *request)
{
    const struct unixctl_command *command;
    size_t n_args = json_array_size(request->params);
    char *error = NULL;

    conn->request_id = json_clone(request->id);

    command = shash_find_data(&commands, request->method);
    if (!command) {
        error = xasprintf("\"%s\" is not a valid command (use "
                          "\"list-commands\" to see a list of valid "
                          "commands)", request->method);
    } else if (n_args < command->min_args) {
        error = xasprintf("\"%s\" command requires at least %d arguments",
                          request->method, command->min_args);
    } else if (n_args > command->max_args) {
        error = xasprintf("\"%s\" command takes at most %d arguments",
                          request->method, command->max_args);
    } else {
        const char **argv = xmalloc((n_args + 2) * sizeof *argv);
        bool ok = true;

        argv[0] = request->method;
        for (size_t i = 0; i < n_args; i++) {
            json_t *arg = json_array_get(request->params, i);
            if (!json_is_string(arg)) {
                ok = false;
                break;
            }
            argv[i + 1] = json_string_value(arg);
        }
        argv[n_args + 1] = NULL;

        if (ok) {
            command->cb(conn, n_args + 1, argv, command->aux);
        } else {
            error = xasprintf("\"%s\" command has non-string argument",
                              request->method);
        }
        free(argv);
    }

    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
    }
}

/* Does the work for 'conn'.  Returns 0, or a nonzero value if the
 * connection is dead. */
static int
run_connection(struct unixctl_conn *conn)
{
    int error;

    jsonrpc_run(conn->rpc);
    error = jsonrpc_get_status(conn->rpc);
    if (error || jsonrpc_get_backlog(conn->rpc)) {
        return error;
    }

    /* Handle a few requests at a time, and only one at a time: a command
     * may reply later. */
    for (int i = 0; i < 10 && !conn->request_id; i++) {
        struct jsonrpc_msg *msg;

        error = jsonrpc_recv(conn->rpc, &msg);
        if (error) {
            break;
        }

        if (msg->type == JSONRPC_REQUEST) {
            process_command(conn, msg);
        } else {
            VLOG_WARN_RL(&rl, "%s: received unexpected %s message",
                         jsonrpc_get_name(conn->rpc),
                         jsonrpc_msg_type_to_string(msg->type));
            error = EINVAL;
        }
        jsonrpc_msg_destroy(msg);

        if (!error) {
            error = jsonrpc_get_status(conn->rpc);
        }
        if (error) {
            break;
        }
    }
    return error == EAGAIN ? 0 : error;
}

/* Closes 'conn' and frees it. */
static void
kill_connection(struct unixctl_conn *conn)
{
    ovs_list_remove(&conn->node);
    jsonrpc_close(conn->rpc);
    json_decref(conn->request_id);
    free(conn);
}

/* Accepts new connections on 'server', runs commands and sends replies.
 * Call it from the main loop. */
void
unixctl_server_run(struct unixctl_server *server)
{
    struct unixctl_conn *conn;

    if (!server) {
        return;
    }

    for (int i = 0; i < 10; i++) {
        struct stream *stream;
        int error = pstream_accept(server->listener, &stream);

        if (!error) {
            conn = xzalloc(sizeof *conn);
            conn->rpc = jsonrpc_open(stream);
            ovs_list_push_back(&server->conns, &conn->node);
        } else if (error == EAGAIN) {
            break;
        } else {
            VLOG_WARN_RL(&rl, "%s: accept failed: %s",
                         pstream_get_name(server->listener),
                         ovs_strerror(error));
        }
    }

    LIST_FOR_EACH_SAFE (conn, node, &server->conns) {
        int error = run_connection(conn);
        if (error && error != EAGAIN) {
            kill_connection(conn);
        }
    }
}

/* Makes poll_block() wake when unixctl_server_run() has work to do. */
void
unixctl_server_wait(struct unixctl_server *server)
{
    struct unixctl_conn *conn;

    if (!server) {
        return;
    }

    pstream_wait(server->listener);
    LIST_FOR_EACH (conn, node, &server->conns) {
        jsonrpc_wait(conn->rpc);
        if (!jsonrpc_get_backlog(conn->rpc) && !conn->request_id) {
            jsonrpc_recv_wait(conn->rpc);
        }
    }
}

/* Destroys 'server' (which may be NULL) and closes its connections and
 * socket. */
void
unixctl_server_destroy(struct unixctl_server *server)
{
    if (server) {
        struct unixctl_conn *conn;

        LIST_FOR_EACH_SAFE (conn, node, &server->conns) {
            kill_connection(conn);
        }
        free(server->path);
        pstream_close(server->listener);
        free(server);
    }
}

/* Connects to the server whose socket is 'path' (relative to the run
 * directory if relative) and stores the connection in '*client'.  Returns
 * 0 if successful, otherwise a positive errno value (and stores NULL). */
int
unixctl_client_create(const char *path, struct jsonrpc **client)
{
    struct stream *stream;
    char *abs_path, *unix_path;
    int error;

    *client = NULL;

    abs_path = abs_file_name(ovs_rundir(), path);
    unix_path = xasprintf("unix:%s", abs_path);
    free(abs_path);

    error = stream_open_block(stream_open(unix_path, &stream, DSCP_DEFAULT),
                              -1, &stream);
    free(unix_path);
    if (error) {
        VLOG_WARN("failed to connect to %s", path);
        return error;
    }

    *client = jsonrpc_open(stream);
    return 0;
}

/* Runs 'command' with the 'argc' arguments in 'argv' on the server at the
 * other end of 'client', waiting for the reply.
 *
 * Returns 0 if a reply arrived: then, on success, '*result' holds its text
 * and '*err' is NULL; on failure, '*err' holds the error text and
 * '*result' is NULL (the caller frees both).  Otherwise returns a positive
 * errno value, or EOF if the server closed the connection, with both
 * NULL. */
int
unixctl_client_transact(struct jsonrpc *client, const char *command,
                        int argc, char *argv[], char **result, char **err)
{
    struct jsonrpc_msg *request, *reply;
    json_t *params;
    int error;

    *result = NULL;
    *err = NULL;

    params = json_array_create_empty();
    for (int i = 0; i < argc; i++) {
        json_array_add(params, json_string_create(argv[i]));
    }

    request = jsonrpc_create_request(command, params, NULL);
    error = jsonrpc_transact_block(client, request, &reply);
    if (error) {
        VLOG_WARN("error communicating with %s: %s",
                  jsonrpc_get_name(client), ovs_retval_to_string(error));
        return error;
    }

    if (reply->error) {
        if (json_is_string(reply->error)) {
            *err = xstrdup(json_string_value(reply->error));
        } else {
            char *s = json_to_string(reply->error, 0);
            VLOG_WARN("%s: unexpected error type in JSON RPC reply: %s",
                      jsonrpc_get_name(client), s);
            free(s);
            error = EINVAL;
        }
    } else if (reply->result) {
        if (json_is_string(reply->result)) {
            *result = xstrdup(json_string_value(reply->result));
        } else {
            char *s = json_to_string(reply->result, 0);
            VLOG_WARN("%s: unexpected result type in JSON RPC reply: %s",
                      jsonrpc_get_name(client), s);
            free(s);
            error = EINVAL;
        }
    }

    jsonrpc_msg_destroy(reply);
    return error;
}
