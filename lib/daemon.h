/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef DAEMON_H
#define DAEMON_H 1

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

/* Running as a daemon.
 *
 * A daemon's main() parses the options below (DAEMON_LONG_OPTIONS,
 * DAEMON_OPTION_HANDLERS), then calls daemonize_start() before doing
 * anything that takes time or may fail, and daemonize_complete() once it
 * is ready to serve (its sockets are listening).  With --detach, the
 * process that the user started waits in daemonize_start() until the
 * daemon calls daemonize_complete(), then exits 0; if the daemon dies
 * first, the starting process exits with a failure status, so "cmd
 * --detach && next" runs "next" only once the daemon is really up.
 *
 * Options:
 *
 *   --detach                run in the background: fork, setsid, and
 *                           (once ready) redirect stdin/stdout/stderr to
 *                           /dev/null and chdir to "/" (see --no-chdir).
 *   --pidfile[=FILE]        write the daemon's pid to FILE (default
 *                           $OVS_RUNDIR/PROGRAM.pid; a relative FILE is
 *                           relative to $OVS_RUNDIR), locked for as long as
 *                           the daemon runs and removed when it exits.
 *   --overwrite-pidfile     start even if the pid file names a running
 *                           process (otherwise a fatal error).  A pid file
 *                           left by a dead process is always replaced.
 *   --monitor               run a monitor process that restarts the daemon
 *                           if it crashes (dies from SIGSEGV, SIGABRT and
 *                           the like), at most once every 10 seconds.
 *   --no-chdir              with --detach, stay in the current directory.
 *   --user=USER[:GROUP]     drop privileges to USER (and GROUP, or USER's
 *                           primary group) once started, keeping only the
 *                           capabilities the daemon needs.
 *   --no-self-confinement   accepted for compatibility; no effect. */

#define DAEMON_OPTION_ENUMS                     \
    OPT_DETACH,                                 \
    OPT_NO_SELF_CONFINEMENT,                    \
    OPT_NO_CHDIR,                               \
    OPT_OVERWRITE_PIDFILE,                      \
    OPT_PIDFILE,                                \
    OPT_MONITOR,                                \
    OPT_USER_GROUP

#define DAEMON_LONG_OPTIONS                                              \
    {"detach",            no_argument, NULL, OPT_DETACH},                \
    {"no-self-confinement", no_argument, NULL, OPT_NO_SELF_CONFINEMENT}, \
    {"no-chdir",          no_argument, NULL, OPT_NO_CHDIR},              \
    {"pidfile",           optional_argument, NULL, OPT_PIDFILE},         \
    {"overwrite-pidfile", no_argument, NULL, OPT_OVERWRITE_PIDFILE},     \
    {"monitor",           no_argument, NULL, OPT_MONITOR},               \
    {"user",              required_argument, NULL, OPT_USER_GROUP}

#define DAEMON_OPTION_HANDLERS                  \
        case OPT_DETACH:                        \
            set_detach();                       \
            break;                              \
                                                \
        case OPT_NO_SELF_CONFINEMENT:           \
            daemon_disable_self_confinement();  \
            break;                              \
                                                \
        case OPT_NO_CHDIR:                      \
            set_no_chdir();                     \
            break;                              \
                                                \
        case OPT_PIDFILE:                       \
            set_pidfile(optarg);                \
            break;                              \
                                                \
        case OPT_OVERWRITE_PIDFILE:             \
            ignore_existing_pidfile();          \
            break;                              \
                                                \
        case OPT_MONITOR:                       \
            daemon_set_monitor();               \
            break;                              \
                                                \
        case OPT_USER_GROUP:                    \
            daemon_set_new_user(optarg);        \
            break;

#define DAEMON_OPTION_CASES                     \
        case OPT_DETACH:                        \
        case OPT_NO_SELF_CONFINEMENT:           \
        case OPT_NO_CHDIR:                      \
        case OPT_PIDFILE:                       \
        case OPT_OVERWRITE_PIDFILE:             \
        case OPT_MONITOR:                       \
        case OPT_USER_GROUP:

/* Option setters, called by DAEMON_OPTION_HANDLERS. */
void set_detach(void);
void set_no_chdir(void);
void set_pidfile(const char *name);
void ignore_existing_pidfile(void);
void daemon_set_monitor(void);
void daemon_set_new_user(const char *user_spec);
void daemon_disable_self_confinement(void);

/* Returns true if --detach was given. */
bool get_detach(void);

/* Returns true if --no-self-confinement was not given. */
bool daemon_should_self_confine(void);

/* Returns the pid file's name (absolute), or NULL without --pidfile. */
const char *get_pidfile(void);

/* Starts daemonizing, according to the options: with --detach, forks, and
 * the parent waits for the child to call daemonize_complete() (exiting 0
 * then, or with the child's failure status if it dies first); with
 * --monitor, forks a monitor that restarts the daemon on crashes; with
 * --pidfile, creates and locks the pid file (a fatal error if another
 * running process holds it, unless --overwrite-pidfile); with --user, drops
 * privileges, keeping CAP_NET_ADMIN, CAP_NET_BROADCAST and CAP_NET_RAW if
 * 'access_datapath' and CAP_SYS_RAWIO if 'access_hardware_ports'.  Returns
 * in the daemon process only.  Must be called while single-threaded. */
void daemonize_start(bool access_datapath, bool access_hardware_ports);

/* Finishes daemonizing: with --detach, tells the waiting parent to exit
 * 0, redirects the standard streams to /dev/null, turns console logging
 * off and (without --no-chdir) changes to "/".  Idempotent. */
void daemonize_complete(void);

/* daemonize_start() then daemonize_complete(), for programs that are ready
 * at once. */
void daemonize(void);

/* Drops privileges to the --user USER:GROUP, if given and not done yet,
 * keeping the capabilities named above.  daemonize_start() calls this; a
 * program that must do privileged work first may call it later itself. */
void daemon_become_new_user(bool access_datapath, bool access_hardware_ports);

/* Prints the usage text for the daemon options to stdout. */
void daemon_usage(void);

/* Reads the pid file 'pidfile' and returns the pid of the running process
 * that holds it, or a negative errno value: -ESRCH if no process holds it
 * (the file is stale), -ENOENT if it does not exist. */
pid_t read_pidfile(const char *pidfile);

/* Keeps 'fd' (0, 1 or 2) open when daemonize_complete() redirects the
 * standard streams, e.g. for a program whose stdout is its output. */
void daemon_save_fd(int fd);

/* Redirects stdin, stdout and stderr (except saved ones) to /dev/null. */
void close_standard_fds(void);

/* Keeps the pid file when the process exits (for a daemon that re-execs
 * itself). */
void remove_pidfile_from_unlink(void);

/* Windows service hooks, for upstream-shaped main() functions.  On Linux
 * they do nothing: should_service_stop() always returns false. */
void service_start(int *argcp, char **argvp[]);
void service_stop(void);
bool should_service_stop(void);

#endif /* daemon.h */
