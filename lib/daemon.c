/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "daemon.h"

#include <cap-ng.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "command-line.h"
#include "dirs.h"
#include "fatal-signal.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovs-thread.h"
#include "signals.h"

VLOG_DEFINE_THIS_MODULE(daemon_unix);

/* --detach: fork into the background. */
static bool detach;

/* True once daemonize_complete() has run. */
static bool detached;

/* --no-chdir: stay in the current directory after detaching. */
static bool chdir_ = true;

/* --pidfile: the absolute name of the pid file, or NULL. */
static char *pidfile;

/* Device and inode of the pid file that this process created, so that
 * read_pidfile() can recognize it (closing another descriptor on it would
 * release our lock). */
static dev_t pidfile_dev;
static ino_t pidfile_ino;

/* --overwrite-pidfile: replace a pid file held by a running process. */
static bool overwrite_pidfile;

/* --monitor: restart the daemon when it crashes. */
static bool monitor;

/* Write end of the pipe on which to tell the waiting parent that the
 * daemon is ready, or -1. */
static int daemonize_fd = -1;

/* --user: the user and group to switch to. */
static bool switch_user;
static uid_t uid;
static gid_t gid;
static char *user;

/* Standard descriptors that close_standard_fds() leaves alone. */
static bool save_fds[3];

/* --no-self-confinement. */
static bool self_confine = true;

static void check_already_running(void);
static void daemon_become_new_user__(bool access_datapath,
                                     bool access_hardware_ports);

/* Options. */

void
set_detach(void)
{
    detach = true;
}

bool
get_detach(void)
{
    return detach;
}

void
set_no_chdir(void)
{
    chdir_ = false;
}

void
set_pidfile(const char *name)
{
    free(pidfile);
    pidfile = (name
               ? abs_file_name(ovs_rundir(), name)
               : xasprintf("%s/%s.pid", ovs_rundir(), program_name));
}

const char *
get_pidfile(void)
{
    return pidfile;
}

void
ignore_existing_pidfile(void)
{
    overwrite_pidfile = true;
}

void
daemon_set_monitor(void)
{
    monitor = true;
}

void
daemon_disable_self_confinement(void)
{
    self_confine = false;
}

bool
daemon_should_self_confine(void)
{
    return self_confine;
}

void
daemon_save_fd(int fd)
{
    ovs_assert(fd == STDIN_FILENO || fd == STDOUT_FILENO
               || fd == STDERR_FILENO);
    save_fds[fd] = true;
}

void
daemon_usage(void)
{
    printf("\nDaemon options:\n"
           "  --detach                run in background as daemon\n"
           "  --monitor               creates a process to monitor this "
           "daemon\n"
           "  --user=username[:group] changes the effective daemon "
           "user:group\n"
           "  --no-chdir              do not chdir to '/'\n"
           "  --pidfile[=FILE]        create pidfile (default: %s/%s.pid)\n"
           "  --overwrite-pidfile     with --pidfile, start even if already "
           "running\n",
           ovs_rundir(), program_name);
}

/* Returns a malloc()'d description of the wait status 'status'. */
static char *
process_status_msg(int status)
{
    char namebuf[SIGNAL_NAME_BUFSIZE];

    if (WIFEXITED(status)) {
        return xasprintf("exit status %d", WEXITSTATUS(status));
    } else if (WIFSIGNALED(status)) {
        return xasprintf("killed (%s)%s",
                         signal_name(WTERMSIG(status), namebuf,
                                     sizeof namebuf),
                         WCOREDUMP(status) ? ", core dumped" : "");
    } else if (WIFSTOPPED(status)) {
        return xasprintf("stopped (%s)",
                         signal_name(WSTOPSIG(status), namebuf,
                                     sizeof namebuf));
    } else {
        return xasprintf("terminated abnormally (%x)", status);
    }
}

/* Pid file. */

/* Creates the pid file, locked, holding our pid.  Fatal on failure,
 * including when another running process holds it (unless
 * --overwrite-pidfile). */
static void
make_pidfile(void)
{
    long int pid = getpid();
    struct stat s;
    char *tmpfile;
    struct flock lck;
    FILE *file;

    /* Write the new pid file under a temporary name, lock it, then rename
     * it into place, so that readers never see a partial file. */
    tmpfile = xasprintf("%s.tmp%ld", pidfile, pid);
    fatal_signal_add_file_to_unlink(tmpfile);
    file = fopen(tmpfile, "w+");
    if (!file) {
        VLOG_FATAL("%s: create failed (%s)", tmpfile, ovs_strerror(errno));
    }

    memset(&lck, 0, sizeof lck);
    lck.l_type = F_WRLCK;
    lck.l_whence = SEEK_SET;
    if (fcntl(fileno(file), F_SETLK, &lck)) {
        VLOG_FATAL("%s: fcntl(F_SETLK) failed (%s)", tmpfile,
                   ovs_strerror(errno));
    }
    if (fcntl(fileno(file), F_SETFD, FD_CLOEXEC)) {
        VLOG_FATAL("%s: fcntl(F_SETFD) failed (%s)", tmpfile,
                   ovs_strerror(errno));
    }

    if (!overwrite_pidfile) {
        check_already_running();
    }

    fprintf(file, "%ld\n", pid);
    if (fflush(file) == EOF) {
        VLOG_FATAL("%s: write failed (%s)", tmpfile, ovs_strerror(errno));
    }

    if (rename(tmpfile, pidfile)) {
        VLOG_FATAL("failed to rename \"%s\" to \"%s\" (%s)",
                   tmpfile, pidfile, ovs_strerror(errno));
    }
    fatal_signal_remove_file_to_unlink(tmpfile);
    fatal_signal_add_file_to_unlink(pidfile);

    if (fstat(fileno(file), &s)) {
        VLOG_FATAL("%s: fstat failed (%s)", pidfile, ovs_strerror(errno));
    }
    pidfile_dev = s.st_dev;
    pidfile_ino = s.st_ino;

    /* The lock lasts as long as the descriptor stays open: keep it open
     * (deliberately "leaking" 'file') for the life of the process. */
    free(tmpfile);
}

/* Exits fatally if the pid file names a process that is still running. */
static void
check_already_running(void)
{
    pid_t pid = read_pidfile(pidfile);

    if (pid > 0 && pid != getpid()) {
        VLOG_FATAL("%s: already running as pid %ld, aborting", pidfile,
                   (long int) pid);
    }
}

pid_t
read_pidfile(const char *name)
{
    struct stat s;
    struct flock lck;
    char line[128];
    FILE *file;
    long int pid;
    int error;

    /* Our own pid file: answer without opening it, because closing a
     * descriptor would release our lock. */
    if (pidfile_ino && !stat(name, &s)
        && s.st_dev == pidfile_dev && s.st_ino == pidfile_ino) {
        return getpid();
    }

    file = fopen(name, "r+");
    if (!file) {
        error = errno;
        if (error != ENOENT) {
            VLOG_WARN("%s: open: %s", name, ovs_strerror(error));
        }
        return -error;
    }

    memset(&lck, 0, sizeof lck);
    lck.l_type = F_WRLCK;
    lck.l_whence = SEEK_SET;
    if (fcntl(fileno(file), F_GETLK, &lck)) {
        error = errno;
        VLOG_WARN("%s: fcntl: %s", name, ovs_strerror(error));
        fclose(file);
        return -error;
    }
    if (lck.l_type == F_UNLCK) {
        /* Nobody holds it: whoever wrote it is gone. */
        fclose(file);
        return -ESRCH;
    }

    pid = -1;
    if (fgets(line, sizeof line, file)) {
        line[strcspn(line, "\n")] = '\0';
        if (!str_to_long(line, 10, &pid)) {
            pid = -1;
        }
    }
    fclose(file);

    if (lck.l_pid > 0 && pid != lck.l_pid) {
        VLOG_WARN("%s: contains pid %ld but is locked by pid %ld", name,
                  pid, (long int) lck.l_pid);
        pid = lck.l_pid;
    }
    return pid > 0 ? pid : -ESRCH;
}

void
remove_pidfile_from_unlink(void)
{
    if (pidfile) {
        fatal_signal_remove_file_to_unlink(pidfile);
    }
}

/* Forking. */

/* Tells the process waiting in fork_and_wait_for_startup() on 'fd' that
 * we have started, and closes 'fd'. */
static void
fork_notify_startup(int fd)
{
    if (fd != -1) {
        ssize_t retval;

        do {
            retval = write(fd, "", 1);
        } while (retval < 0 && errno == EINTR);
        if (retval < 0) {
            VLOG_FATAL("pipe write failed (%s)", ovs_strerror(errno));
        }
        close(fd);
    }
}

/* Forks.  In the child, returns 0 and stores in '*fdp' the descriptor to
 * pass to fork_notify_startup() once started.  In the parent, waits until
 * the child calls fork_notify_startup() and returns its pid; if the child
 * dies first, exits with the child's exit status if it exited with an
 * error, otherwise fatally. */
static pid_t
fork_and_wait_for_startup(int *fdp)
{
    int fds[2];
    pid_t pid;

    if (pipe(fds)) {
        VLOG_FATAL("pipe failed (%s)", ovs_strerror(errno));
    }

    fflush(stdout);
    fflush(stderr);
    pid = xfork();
    if (pid > 0) {
        /* Parent. */
        ssize_t retval;
        char c;

        close(fds[1]);
        do {
            retval = read(fds[0], &c, 1);
        } while (retval < 0 && errno == EINTR);

        if (retval != 1) {
            int status;

            do {
                retval = waitpid(pid, &status, 0);
            } while (retval < 0 && errno == EINTR);

            if (retval == pid && WIFEXITED(status) && WEXITSTATUS(status)) {
                /* The child exited with an error: pass it on. */
                _exit(WEXITSTATUS(status));
            } else {
                char *msg = (retval == pid ? process_status_msg(status)
                             : xstrdup(ovs_strerror(errno)));
                VLOG_FATAL("fork child died before signaling startup (%s)",
                           msg);
            }
        }
        close(fds[0]);
        *fdp = -1;
    } else {
        /* Child: forget the parent's cleanup duties. */
        fatal_signal_fork();
        close(fds[0]);
        *fdp = fds[1];
    }
    return pid;
}

/* Returns true if a daemon that died with 'status' should be restarted:
 * it crashed, rather than exiting or being killed on purpose. */
static bool
should_restart(int status)
{
    static const int crash_signals[] = {
        SIGABRT, SIGALRM, SIGBUS, SIGFPE, SIGILL, SIGPIPE, SIGSEGV,
        SIGXCPU, SIGXFSZ
    };

    if (WIFSIGNALED(status)) {
        for (size_t i = 0; i < ARRAY_SIZE(crash_signals); i++) {
            if (WTERMSIG(status) == crash_signals[i]) {
                return true;
            }
        }
    }
    return false;
}

/* The signals that fatal-signal handles. */
static const int fatal_signals[] = { SIGTERM, SIGINT, SIGHUP, SIGALRM };

/* Makes fatal signals interrupt system calls ('restart' false) or not
 * ('restart' true), where fatal-signal handles them. */
static void
set_fatal_signal_restart(bool restart)
{
    for (size_t i = 0; i < ARRAY_SIZE(fatal_signals); i++) {
        struct sigaction sa;

        xsigaction(fatal_signals[i], NULL, &sa);
        if (sa.sa_handler == fatal_signal_handler) {
            if (restart) {
                sa.sa_flags |= SA_RESTART;
            } else {
                sa.sa_flags &= ~SA_RESTART;
            }
            xsigaction(fatal_signals[i], &sa, NULL);
        }
    }
}

/* Runs the monitor: waits for the daemon 'daemon_pid' to die and restarts
 * it if it crashed.  Returns only in a restarted daemon. */
static void
monitor_daemon(pid_t daemon_pid)
{
    time_t last_restart = 0;
    char *status_msg;
    int crashes = 0;

    set_subprogram_name("monitor");
    fatal_signal_init();
    status_msg = xstrdup("healthy");
    for (;;) {
        int retval;
        int status;

        ovs_cmdl_proctitle_set("monitoring pid %lu (%s)",
                               (unsigned long int) daemon_pid, status_msg);

        /* Let a fatal signal interrupt waitpid(), so that it can kill the
         * monitor. */
        set_fatal_signal_restart(false);
        vlog_close_log_file();
        do {
            retval = waitpid(daemon_pid, &status, 0);
            if (retval < 0 && errno == EINTR) {
                vlog_reopen_log_file();
                fatal_signal_run();
            }
        } while (retval < 0 && errno == EINTR);
        set_fatal_signal_restart(true);
        vlog_reopen_log_file();

        if (retval < 0) {
            VLOG_FATAL("waitpid failed (%s)", ovs_strerror(errno));
        }

        free(status_msg);
        status_msg = process_status_msg(status);
        if (!should_restart(status)) {
            VLOG_INFO("pid %lu died, %s, exiting",
                      (unsigned long int) daemon_pid, status_msg);
            free(status_msg);
            exit(0);
        }

        {
            char *msg = xasprintf("%d crashes: pid %lu died, %s", ++crashes,
                                  (unsigned long int) daemon_pid,
                                  status_msg);
            free(status_msg);
            status_msg = msg;
        }

        if (WCOREDUMP(status)) {
            /* Keep the first core dump; don't fill the disk with more. */
            struct rlimit r = { 0, 0 };
            if (setrlimit(RLIMIT_CORE, &r)) {
                VLOG_WARN("failed to disable core dumps: %s",
                          ovs_strerror(errno));
            }
        }

        /* Restart at most once every 10 seconds. */
        if (last_restart && time(NULL) < last_restart + 10) {
            VLOG_WARN("%s, waiting until 10 seconds since last restart",
                      status_msg);
            for (;;) {
                time_t now = time(NULL);
                if (now >= last_restart + 10) {
                    break;
                }
                sleep(last_restart + 10 - now);
            }
        }
        last_restart = time(NULL);

        VLOG_ERR("%s, restarting", status_msg);
        daemon_pid = fork_and_wait_for_startup(&daemonize_fd);
        if (!daemon_pid) {
            break;
        }
    }
    free(status_msg);

    /* Running in the new daemon process. */
    ovs_cmdl_proctitle_restore();
    set_subprogram_name(program_name);
}

/* Daemonizing. */

void
daemonize_start(bool access_datapath, bool access_hardware_ports)
{
    assert_single_threaded();
    daemonize_fd = -1;

    if (switch_user) {
        daemon_become_new_user__(access_datapath, access_hardware_ports);
        switch_user = false;
    }

    if (detach) {
        pid_t pid = fork_and_wait_for_startup(&daemonize_fd);
        if (pid > 0) {
            /* The daemon is up: our job is done.  _exit() rather than
             * exit(), so that no exit hook undoes the daemon's work. */
            fflush(stdout);
            fflush(stderr);
            _exit(0);
        }

        /* Running in the daemon process: leave the session and process
         * group of whoever started us. */
        setsid();
    }

    if (monitor) {
        int saved_daemonize_fd = daemonize_fd;
        pid_t daemon_pid = fork_and_wait_for_startup(&daemonize_fd);

        if (daemon_pid > 0) {
            /* Running in the monitor process: the daemon has started. */
            fork_notify_startup(saved_daemonize_fd);
            if (detach) {
                close_standard_fds();
            }
            monitor_daemon(daemon_pid);
        }
        /* Running in the daemon process. */
    }

    if (pidfile) {
        make_pidfile();
    }
}

void
daemonize_complete(void)
{
    if (!detached) {
        detached = true;

        fork_notify_startup(daemonize_fd);
        daemonize_fd = -1;
        if (detach) {
            if (chdir_ && chdir("/")) {
                VLOG_WARN("chdir(\"/\") failed: %s", ovs_strerror(errno));
            }
            close_standard_fds();
        }
    }
}

void
daemonize(void)
{
    daemonize_start(false, false);
    daemonize_complete();
}

void
close_standard_fds(void)
{
    int null_fd = open("/dev/null", O_RDWR);

    if (null_fd >= 0) {
        for (int fd = 0; fd < 3; fd++) {
            if (!save_fds[fd]) {
                dup2(null_fd, fd);
            }
        }
        if (null_fd > 2) {
            close(null_fd);
        }
    }

    /* Nobody reads our console any more: don't spend time on it. */
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_OFF);
}

/* Users. */

void
daemon_set_new_user(const char *user_spec)
{
    char *spec = xstrdup(user_spec);
    char *colon = strchr(spec, ':');
    const char *group_name = NULL;
    struct passwd *pw;

    if (colon) {
        *colon = '\0';
        group_name = colon + 1;
    }

    if (!spec[0]) {
        uid = getuid();
        pw = getpwuid(uid);
        if (!pw) {
            VLOG_FATAL("%s: current user not found", user_spec);
        }
    } else {
        pw = getpwnam(spec);
        if (!pw) {
            VLOG_FATAL("%s: user %s not found, aborting", user_spec, spec);
        }
    }
    uid = pw->pw_uid;
    gid = pw->pw_gid;
    free(user);
    user = xstrdup(pw->pw_name);

    if (group_name && group_name[0]) {
        struct group *gr = getgrnam(group_name);
        bool member = false;

        if (!gr) {
            VLOG_FATAL("%s: group %s not found, aborting", user_spec,
                       group_name);
        }
        if (gr->gr_gid != gid) {
            for (char **m = gr->gr_mem; *m; m++) {
                if (!strcmp(*m, user)) {
                    member = true;
                    break;
                }
            }
            if (!member) {
                VLOG_FATAL("%s: user %s is not a member of group %s, "
                           "aborting", user_spec, user, group_name);
            }
        }
        gid = gr->gr_gid;
    }
    free(spec);

    switch_user = uid != getuid() || gid != getgid();
}

/* Adds capability 'cap' to the effective and permitted sets that
 * capng_apply() will install.  Returns 0 or a nonzero libcap-ng error. */
static int
add_capability(int cap)
{
    return capng_update(CAPNG_ADD, CAPNG_EFFECTIVE | CAPNG_PERMITTED, cap);
}

static void
daemon_become_new_user__(bool access_datapath, bool access_hardware_ports)
{
    int error;

    if (geteuid()) {
        VLOG_FATAL("--user %s: only root can use --user option", user);
    }

    /* Let the new user keep writing (and reopening) the log file. */
    vlog_change_owner_unix(uid, gid);

    capng_clear(CAPNG_SELECT_BOTH);
    error = (add_capability(CAP_IPC_LOCK)
             || add_capability(CAP_NET_BIND_SERVICE));
    if (!error && access_datapath) {
        error = (add_capability(CAP_NET_ADMIN)
                 || add_capability(CAP_NET_RAW)
                 || add_capability(CAP_NET_BROADCAST));
    }
    if (!error && access_hardware_ports) {
        error = add_capability(CAP_SYS_RAWIO);
    }
    if (error) {
        VLOG_FATAL("%s: libcap-ng failed to set capabilities, aborting",
                   user);
    }

    /* Switches group and user (initializing the supplementary groups from
     * the new user's) while keeping the capabilities chosen above, and
     * clears the bounding set so that no exec can regain others. */
    error = capng_change_id(uid, gid,
                            CAPNG_INIT_SUPP_GRP | CAPNG_CLEAR_BOUNDING);
    if (error) {
        VLOG_FATAL("%s: libcap-ng failed to switch to user and group "
                   "%ld:%ld (error %d), aborting", user, (long int) uid,
                   (long int) gid, error);
    }
}

void
daemon_become_new_user(bool access_datapath, bool access_hardware_ports)
{
    assert_single_threaded();
    if (switch_user) {
        daemon_become_new_user__(access_datapath, access_hardware_ports);
        switch_user = false;
    }
}

/* Windows service hooks: nothing to do on Linux. */

void
service_start(int *argcp OVS_UNUSED, char **argvp[] OVS_UNUSED)
{
}

void
service_stop(void)
{
}

bool
should_service_stop(void)
{
    return false;
}
