/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/vlog.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>
#include "dirs.h"
#include "openvswitch/dynamic-string.h"
#include "ovs-thread.h"
#include "timeval.h"
#include "unixctl.h"

VLOG_DEFINE_THIS_MODULE(vlog);

/* Names and properties of the levels and destinations. */

static const char *const level_names[VLL_N_LEVELS] = {
#define VLOG_LEVEL(NAME, SYSLOG_LEVEL, RFC5424_LEVEL) #NAME,
    VLOG_LEVELS
#undef VLOG_LEVEL
};

static const int syslog_levels[VLL_N_LEVELS] = {
#define VLOG_LEVEL(NAME, SYSLOG_LEVEL, RFC5424_LEVEL) SYSLOG_LEVEL,
    VLOG_LEVELS
#undef VLOG_LEVEL
};

static const int rfc5424_levels[VLL_N_LEVELS] = {
#define VLOG_LEVEL(NAME, SYSLOG_LEVEL, RFC5424_LEVEL) RFC5424_LEVEL,
    VLOG_LEVELS
#undef VLOG_LEVEL
};

static const char *const destination_names[VLF_N_DESTINATIONS] = {
#define VLOG_DESTINATION(NAME, PATTERN) #NAME,
    VLOG_DESTINATIONS
#undef VLOG_DESTINATION
};

static const char *const default_patterns[VLF_N_DESTINATIONS] = {
#define VLOG_DESTINATION(NAME, PATTERN) PATTERN,
    VLOG_DESTINATIONS
#undef VLOG_DESTINATION
};

/* The syslog prefix shown by vlog/list-pattern. */
#define SYSLOG_SOCKET_PREFIX "<%B> %D{%h %e %T} %E %A:"

/* The form of messages sent to --syslog-target: RFC 5424, with the module
 * as MSGID and a byte-order mark before the message. */
#define SYSLOG_TARGET_PATTERN \
    "<%B>1 %D{%Y-%m-%dT%H:%M:%S.###Z} %E %A %P %c - \xef\xbb\xbf%m"

/* Syslog facilities by name. */
static const struct {
    const char *name;           /* Name, as in "FACILITY:daemon". */
    int value;                  /* LOG_* value. */
} facilities[] = {
    { "kern", LOG_KERN }, { "user", LOG_USER }, { "mail", LOG_MAIL },
    { "daemon", LOG_DAEMON }, { "auth", LOG_AUTH },
    { "syslog", LOG_SYSLOG }, { "lpr", LOG_LPR }, { "news", LOG_NEWS },
    { "uucp", LOG_UUCP }, { "clock", 15 << 3 }, { "ftp", LOG_FTP },
    { "ntp", 12 << 3 }, { "audit", 13 << 3 }, { "alert", 14 << 3 },
    { "clock2", 15 << 3 }, { "authpriv", LOG_AUTHPRIV },
    { "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 },
    { "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 },
    { "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 },
    { "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
};

/* All the modules, in the order they registered. */
static struct ovs_list vlog_modules = OVS_LIST_INITIALIZER(&vlog_modules);

/* Protects the state below.  Recursive, because formatting a message may
 * need to log (it does not today, but a failure to write might). */
static struct ovs_mutex log_mutex = OVS_MUTEX_INITIALIZER;

/* Pattern for each destination. */
static char *patterns[VLF_N_DESTINATIONS];

/* Sequence number of the next message. */
static unsigned int msg_num;

/* Log file: its name as given (NULL if none configured), the absolute name
 * used to (re)open it, and its descriptor (-1 if closed). */
static char *log_file_name;
static char *log_file_path;
static int log_fd = -1;

/* Syslog: how to reach it. */
enum syslog_method {
    SYSLOG_LIBC,                /* syslog(3). */
    SYSLOG_NULL,                /* Discard. */
    SYSLOG_SOCKET               /* Datagrams to 'syslog_fd'. */
};
static enum syslog_method syslog_method = SYSLOG_LIBC;
static int syslog_fd = -1;      /* For SYSLOG_SOCKET. */
static int syslog_target_fd = -1; /* For --syslog-target, or -1. */
static int syslog_facility;     /* LOG_* facility, 0 if not set. */
static bool syslog_opened;      /* openlog() called? */

static void vlog_register_commands(void);

/* Levels and destinations. */

const char *
vlog_get_level_name(enum vlog_level level)
{
    static char lower[VLL_N_LEVELS][8];
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;

    if (level >= VLL_N_LEVELS) {
        return NULL;
    }
    if (ovsthread_once_start(&once)) {
        for (int i = 0; i < VLL_N_LEVELS; i++) {
            for (int j = 0; level_names[i][j]; j++) {
                lower[i][j] = tolower((unsigned char) level_names[i][j]);
            }
        }
        ovsthread_once_done(&once);
    }
    return lower[level];
}

enum vlog_level
vlog_get_level_val(const char *name)
{
    for (int i = 0; i < VLL_N_LEVELS; i++) {
        if (!strcasecmp(level_names[i], name)) {
            return i;
        }
    }
    return VLL_N_LEVELS;
}

const char *
vlog_get_destination_name(enum vlog_destination destination)
{
    static const char *const lower[VLF_N_DESTINATIONS] = {
        "syslog", "console", "file"
    };
    return (destination >= 0 && destination < VLF_N_DESTINATIONS
            ? lower[destination] : NULL);
}

enum vlog_destination
vlog_get_destination_val(const char *name)
{
    for (int i = 0; i < VLF_N_DESTINATIONS; i++) {
        if (!strcasecmp(destination_names[i], name)) {
            return i;
        }
    }
    if (!strcasecmp(name, "any")) {
        return VLF_ANY_DESTINATION;
    }
    return VLF_N_DESTINATIONS;
}

/* Modules. */

void
vlog_insert_module(struct ovs_list *list)
{
    ovs_list_push_back(&vlog_modules, list);
}

const char *
vlog_get_module_name(const struct vlog_module *module)
{
    return module->name;
}

struct vlog_module *
vlog_module_from_name(const char *name)
{
    struct vlog_module *mp;

    LIST_FOR_EACH (mp, list, &vlog_modules) {
        if (!strcasecmp(name, mp->name)) {
            return mp;
        }
    }
    return NULL;
}

enum vlog_level
vlog_get_level(const struct vlog_module *module,
               enum vlog_destination destination)
{
    ovs_assert(destination >= 0 && destination < VLF_N_DESTINATIONS);
    return module->levels[destination];
}

/* Recomputes 'module->min_level'. */
static void
update_min_level(struct vlog_module *module)
{
    int min_level = VLL_OFF;

    for (int i = 0; i < VLF_N_DESTINATIONS; i++) {
        /* A destination that cannot be written to does not count. */
        if (i == VLF_FILE && log_fd < 0) {
            continue;
        }
        if (module->levels[i] > min_level) {
            min_level = module->levels[i];
        }
    }
    module->min_level = min_level;
}

static void
set_destination_level(enum vlog_destination destination,
                      struct vlog_module *module, enum vlog_level level)
{
    ovs_assert(destination >= 0 && destination < VLF_N_DESTINATIONS);
    ovs_assert(level < VLL_N_LEVELS);

    ovs_mutex_lock(&log_mutex);
    if (module) {
        module->levels[destination] = level;
        update_min_level(module);
    } else {
        struct vlog_module *mp;

        LIST_FOR_EACH (mp, list, &vlog_modules) {
            mp->levels[destination] = level;
            update_min_level(mp);
        }
    }
    ovs_mutex_unlock(&log_mutex);
}

void
vlog_set_levels(struct vlog_module *module,
                enum vlog_destination destination, enum vlog_level level)
{
    ovs_assert(destination < VLF_N_DESTINATIONS
               || destination == VLF_ANY_DESTINATION);
    if (destination == VLF_ANY_DESTINATION) {
        for (int i = 0; i < VLF_N_DESTINATIONS; i++) {
            set_destination_level(i, module, level);
        }
    } else {
        set_destination_level(destination, module, level);
    }
}

/* Recomputes every module's 'min_level', after the log file opens or
 * closes. */
static void
update_all_min_levels(void)
{
    struct vlog_module *mp;

    ovs_mutex_lock(&log_mutex);
    LIST_FOR_EACH (mp, list, &vlog_modules) {
        update_min_level(mp);
    }
    ovs_mutex_unlock(&log_mutex);
}

/* Patterns. */

static const char *
get_pattern(enum vlog_destination destination)
{
    return (patterns[destination] ? patterns[destination]
            : default_patterns[destination]);
}

static void
do_set_pattern(enum vlog_destination destination, const char *pattern)
{
    ovs_mutex_lock(&log_mutex);
    free(patterns[destination]);
    patterns[destination] = xstrdup(pattern);
    ovs_mutex_unlock(&log_mutex);
}

void
vlog_set_pattern(enum vlog_destination destination, const char *pattern)
{
    ovs_assert(destination < VLF_N_DESTINATIONS
               || destination == VLF_ANY_DESTINATION);
    if (destination == VLF_ANY_DESTINATION) {
        for (int i = 0; i < VLF_N_DESTINATIONS; i++) {
            do_set_pattern(i, pattern);
        }
    } else {
        do_set_pattern(destination, pattern);
    }
}

/* Syslog. */

static int
syslog_facility_or(int fallback)
{
    return syslog_facility ? syslog_facility : fallback;
}

/* Opens a datagram socket connected to 'target', "unix:FILE" or
 * "udp:HOST:PORT" (or "HOST:PORT" if 'udp_only').  Returns the fd or -1,
 * printing a warning to stderr on failure. */
static int
open_syslog_socket(const char *target, bool udp_only)
{
    int fd = -1;

    if (!udp_only && !strncmp(target, "unix:", 5)) {
        struct sockaddr_un sun;

        memset(&sun, 0, sizeof sun);
        sun.sun_family = AF_UNIX;
        if (strlen(target + 5) >= sizeof sun.sun_path) {
            ovs_error(0, "%s: syslog socket name too long", target + 5);
            return -1;
        }
        strcpy(sun.sun_path, target + 5);
        fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd >= 0 && connect(fd, (struct sockaddr *) &sun, sizeof sun)) {
            ovs_error(errno, "%s: could not connect to syslog socket",
                      target + 5);
            close(fd);
            fd = -1;
        }
    } else {
        const char *hostport = udp_only ? target : target + 4;
        struct addrinfo hints, *res;
        char *copy, *colon, *host;

        if (!udp_only && strncmp(target, "udp:", 4)) {
            ovs_error(0, "%s: unknown syslog method", target);
            return -1;
        }
        copy = xstrdup(hostport);
        colon = strrchr(copy, ':');
        if (!colon) {
            ovs_error(0, "%s: syslog target lacks a port", hostport);
            free(copy);
            return -1;
        }
        *colon = '\0';
        host = copy;
        if (host[0] == '[' && colon > host && colon[-1] == ']') {
            host++;
            colon[-1] = '\0';
        }
        memset(&hints, 0, sizeof hints);
        hints.ai_socktype = SOCK_DGRAM;
        hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
        if (getaddrinfo(host, colon + 1, &hints, &res)) {
            ovs_error(0, "%s: bad syslog target", hostport);
        } else {
            fd = socket(res->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd >= 0 && connect(fd, res->ai_addr, res->ai_addrlen)) {
                ovs_error(errno, "%s: could not connect", hostport);
                close(fd);
                fd = -1;
            }
            freeaddrinfo(res);
        }
        free(copy);
    }
    return fd;
}

void
vlog_set_syslog_method(const char *method)
{
    ovs_mutex_lock(&log_mutex);
    if (syslog_fd >= 0) {
        close(syslog_fd);
        syslog_fd = -1;
    }
    if (!strcmp(method, "libc")) {
        syslog_method = SYSLOG_LIBC;
    } else if (!strcmp(method, "null")) {
        syslog_method = SYSLOG_NULL;
    } else {
        syslog_fd = open_syslog_socket(method, false);
        syslog_method = syslog_fd >= 0 ? SYSLOG_SOCKET : SYSLOG_NULL;
    }
    ovs_mutex_unlock(&log_mutex);
}

void
vlog_set_syslog_target(const char *target)
{
    int fd = open_syslog_socket(target, true);

    ovs_mutex_lock(&log_mutex);
    if (syslog_target_fd >= 0) {
        close(syslog_target_fd);
    }
    syslog_target_fd = fd;
    ovs_mutex_unlock(&log_mutex);

    VLOG_WARN("--syslog-target flag is deprecated, use --syslog-method "
              "instead");
}

/* Parsing level specifications. */

char *
vlog_set_levels_from_string(const char *s_)
{
    char *s = xstrdup(s_);
    char *save_ptr = NULL;
    char *msg = NULL;
    char *word;

    vlog_init();

    word = strtok_r(s, " ,:\t", &save_ptr);
    if (word && !strcasecmp(word, "PATTERN")) {
        enum vlog_destination destination;
        char *pattern;

        word = strtok_r(NULL, " ,:\t", &save_ptr);
        if (!word) {
            msg = xstrdup("missing destination");
            goto exit;
        }
        destination = vlog_get_destination_val(word);
        if (destination == VLF_N_DESTINATIONS) {
            msg = xasprintf("unknown destination \"%s\"", word);
            goto exit;
        }

        /* The pattern is the rest of the string, verbatim: it may contain
         * any of the separators. */
        pattern = save_ptr ? save_ptr : "";
        vlog_set_pattern(destination, pattern);
    } else if (word && !strcasecmp(word, "FACILITY")) {
        size_t i;

        word = strtok_r(NULL, " ,:\t", &save_ptr);
        if (!word) {
            msg = xstrdup("missing facility");
            goto exit;
        }
        for (i = 0; i < ARRAY_SIZE(facilities); i++) {
            if (!strcasecmp(facilities[i].name, word)) {
                break;
            }
        }
        if (i >= ARRAY_SIZE(facilities)) {
            msg = xstrdup("invalid facility");
            goto exit;
        }
        ovs_mutex_lock(&log_mutex);
        syslog_facility = facilities[i].value;
        if (syslog_opened) {
            closelog();
            syslog_opened = false;
        }
        ovs_mutex_unlock(&log_mutex);
    } else {
        struct vlog_module *module = NULL;
        enum vlog_level level = VLL_N_LEVELS;
        enum vlog_destination destination = VLF_N_DESTINATIONS;

        for (; word; word = strtok_r(NULL, " ,:\t", &save_ptr)) {
            if (!strcasecmp(word, "ANY")) {
                continue;
            } else if (vlog_get_destination_val(word) != VLF_N_DESTINATIONS) {
                if (destination != VLF_N_DESTINATIONS) {
                    msg = xstrdup("cannot specify multiple destinations");
                    goto exit;
                }
                destination = vlog_get_destination_val(word);
            } else if (vlog_get_level_val(word) != VLL_N_LEVELS) {
                if (level != VLL_N_LEVELS) {
                    msg = xstrdup("cannot specify multiple levels");
                    goto exit;
                }
                level = vlog_get_level_val(word);
            } else if (vlog_module_from_name(word)) {
                if (module) {
                    msg = xstrdup("cannot specify multiple modules");
                    goto exit;
                }
                module = vlog_module_from_name(word);
            } else {
                msg = xasprintf("no destination, level, or module \"%s\"",
                                word);
                goto exit;
            }
        }

        if (destination == VLF_N_DESTINATIONS) {
            destination = VLF_ANY_DESTINATION;
        }
        if (level == VLL_N_LEVELS) {
            level = VLL_DBG;
        }
        vlog_set_levels(module, destination, level);
    }

exit:
    free(s);
    return msg;
}

void
vlog_set_levels_from_string_assert(const char *s)
{
    char *error = vlog_set_levels_from_string(s);
    if (error) {
        ovs_abort(0, "%s", error);
    }
}

void
vlog_set_verbosity(const char *arg)
{
    if (arg) {
        char *msg = vlog_set_levels_from_string(arg);
        if (msg) {
            ovs_fatal(0, "processing \"%s\": %s", arg, msg);
        }
    } else {
        vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_DBG);
    }
}

/* Reporting. */

/* Returns a malloc()'d array of all the modules, sorted by name, storing
 * their number in '*n'. */
static struct vlog_module **
sorted_modules(size_t *n)
{
    struct vlog_module **modules;
    struct vlog_module *mp;
    size_t i = 0;

    modules = xmalloc((ovs_list_size(&vlog_modules) + 1) * sizeof *modules);
    LIST_FOR_EACH (mp, list, &vlog_modules) {
        modules[i++] = mp;
    }
    for (size_t j = 1; j < i; j++) {
        struct vlog_module *m = modules[j];
        size_t k = j;

        while (k > 0 && strcmp(modules[k - 1]->name, m->name) > 0) {
            modules[k] = modules[k - 1];
            k--;
        }
        modules[k] = m;
    }
    *n = i;
    return modules;
}

char *
vlog_get_levels(void)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct vlog_module **modules;
    size_t n;

    ds_put_cstr(&s, "                 console    syslog    file\n");
    ds_put_cstr(&s, "                 -------    ------    ------\n");

    modules = sorted_modules(&n);
    for (size_t i = 0; i < n; i++) {
        const struct vlog_module *m = modules[i];
        ds_put_format(&s, "%-16s  %4s       %4s       %4s\n", m->name,
                      level_names[m->levels[VLF_CONSOLE]],
                      level_names[m->levels[VLF_SYSLOG]],
                      level_names[m->levels[VLF_FILE]]);
    }
    free(modules);

    return ds_steal_cstr(&s);
}

char *
vlog_get_patterns(void)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_format(&s, "%-7s  %-32s  %s\n", "", "prefix", "format");
    ds_put_format(&s, "%-7s  %-32s  %s\n", "", "------", "------");

    ovs_mutex_lock(&log_mutex);
    for (int i = 0; i < VLF_N_DESTINATIONS; i++) {
        ds_put_format(&s, "%-7s  %-32s  %s\n", destination_names[i],
                      i == VLF_SYSLOG ? SYSLOG_SOCKET_PREFIX : "none",
                      get_pattern(i));
    }
    ovs_mutex_unlock(&log_mutex);

    return ds_steal_cstr(&s);
}

bool
vlog_is_enabled(const struct vlog_module *module, enum vlog_level level)
{
    return module->min_level >= (int) level;
}

/* Log file. */

int
vlog_set_log_file(const char *file_name)
{
    char *new_name, *new_path;
    struct stat new_stat;
    int new_fd;
    int error;

    vlog_init();

    new_name = (file_name
                ? xstrdup(file_name)
                : xasprintf("%s/%s.log", ovs_logdir(), program_name));
    new_path = abs_file_name(NULL, new_name);
    if (!new_path) {
        new_path = xstrdup(new_name);
    }

    /* Nothing to do if that is the file already open. */
    ovs_mutex_lock(&log_mutex);
    if (log_fd >= 0 && log_file_path && !strcmp(log_file_path, new_path)
        && !stat(new_path, &new_stat)) {
        struct stat old_stat;

        if (!fstat(log_fd, &old_stat)
            && old_stat.st_dev == new_stat.st_dev
            && old_stat.st_ino == new_stat.st_ino) {
            ovs_mutex_unlock(&log_mutex);
            free(new_name);
            free(new_path);
            return 0;
        }
    }
    ovs_mutex_unlock(&log_mutex);

    new_fd = open(new_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0660);
    error = new_fd < 0 ? errno : 0;

    ovs_mutex_lock(&log_mutex);
    if (!error || !log_file_name) {
        /* Remember the name even on failure, so that vlog/reopen can try
         * again later (e.g. once the directory exists). */
        free(log_file_name);
        free(log_file_path);
        log_file_name = new_name;
        log_file_path = new_path;
        new_name = new_path = NULL;
    }
    if (!error) {
        if (log_fd >= 0) {
            close(log_fd);
        }
        log_fd = new_fd;
    }
    ovs_mutex_unlock(&log_mutex);
    update_all_min_levels();

    if (error) {
        VLOG_WARN("failed to open %s for logging: %s",
                  new_name ? new_name : log_file_name, ovs_strerror(error));
    } else {
        VLOG_INFO("opened log file %s", log_file_name);
    }
    free(new_name);
    free(new_path);
    return error;
}

int
vlog_reopen_log_file(void)
{
    char *name;
    int error;

    ovs_mutex_lock(&log_mutex);
    name = nullable_xstrdup(log_file_name);
    ovs_mutex_unlock(&log_mutex);

    error = name ? vlog_set_log_file(name) : 0;
    free(name);
    return error;
}

void
vlog_close_log_file(void)
{
    bool open_;

    ovs_mutex_lock(&log_mutex);
    open_ = log_fd >= 0;
    ovs_mutex_unlock(&log_mutex);
    if (!open_) {
        return;
    }

    VLOG_INFO("closing log file");

    ovs_mutex_lock(&log_mutex);
    if (log_fd >= 0) {
        close(log_fd);
        log_fd = -1;
    }
    ovs_mutex_unlock(&log_mutex);
    update_all_min_levels();
}

void
vlog_change_owner_unix(uid_t uid, gid_t gid)
{
    ovs_mutex_lock(&log_mutex);
    if (log_fd >= 0 && fchown(log_fd, uid, gid)) {
        int error = errno;
        ovs_mutex_unlock(&log_mutex);
        VLOG_WARN("failed to change owner of log file %s: %s",
                  log_file_name, ovs_strerror(error));
        return;
    }
    ovs_mutex_unlock(&log_mutex);
}

void
vlog_enable_async(void)
{
    /* Writes stay synchronous: see vlog.h. */
}

/* unixctl commands. */

static void
vlog_unixctl_set(struct unixctl_conn *conn, int argc, const char *argv[],
                 void *aux OVS_UNUSED)
{
    if (argc == 1) {
        vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_DBG);
    }
    for (int i = 1; i < argc; i++) {
        char *msg = vlog_set_levels_from_string(argv[i]);
        if (msg) {
            unixctl_command_reply_error(conn, msg);
            free(msg);
            return;
        }
    }
    unixctl_command_reply(conn, NULL);
}

static void
vlog_unixctl_list(struct unixctl_conn *conn, int argc OVS_UNUSED,
                  const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    char *msg = vlog_get_levels();
    unixctl_command_reply(conn, msg);
    free(msg);
}

static void
vlog_unixctl_list_pattern(struct unixctl_conn *conn, int argc OVS_UNUSED,
                          const char *argv[] OVS_UNUSED,
                          void *aux OVS_UNUSED)
{
    char *msg = vlog_get_patterns();
    unixctl_command_reply(conn, msg);
    free(msg);
}

static void
vlog_unixctl_reopen(struct unixctl_conn *conn, int argc OVS_UNUSED,
                    const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    bool configured;

    ovs_mutex_lock(&log_mutex);
    configured = log_file_name != NULL;
    ovs_mutex_unlock(&log_mutex);

    if (configured) {
        int error = vlog_reopen_log_file();
        if (error) {
            unixctl_command_reply_error(conn, ovs_strerror(error));
        } else {
            unixctl_command_reply(conn, NULL);
        }
    } else {
        unixctl_command_reply_error(conn, "Logging to file not configured");
    }
}

static void
vlog_unixctl_close(struct unixctl_conn *conn, int argc OVS_UNUSED,
                   const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    vlog_close_log_file();
    unixctl_command_reply(conn, NULL);
}

static void
set_rate_limits(struct unixctl_conn *conn, int argc, const char *argv[],
                bool enable)
{
    if (argc > 1) {
        for (int i = 1; i < argc; i++) {
            if (!vlog_module_from_name(argv[i])) {
                unixctl_command_reply_error(conn, "unknown module");
                return;
            }
        }
        for (int i = 1; i < argc; i++) {
            vlog_module_from_name(argv[i])->honor_rate_limits = enable;
        }
    } else {
        struct vlog_module *mp;

        LIST_FOR_EACH (mp, list, &vlog_modules) {
            mp->honor_rate_limits = enable;
        }
    }
    unixctl_command_reply(conn, NULL);
}

static void
vlog_enable_rate_limit(struct unixctl_conn *conn, int argc,
                       const char *argv[], void *aux OVS_UNUSED)
{
    set_rate_limits(conn, argc, argv, true);
}

static void
vlog_disable_rate_limit(struct unixctl_conn *conn, int argc,
                        const char *argv[], void *aux OVS_UNUSED)
{
    set_rate_limits(conn, argc, argv, false);
}

static void
vlog_register_commands(void)
{
    unixctl_command_register("vlog/set",
                             "{spec | PATTERN:destination:pattern}",
                             0, INT_MAX, vlog_unixctl_set, NULL);
    unixctl_command_register("vlog/list", "", 0, 0, vlog_unixctl_list, NULL);
    unixctl_command_register("vlog/list-pattern", "", 0, 0,
                             vlog_unixctl_list_pattern, NULL);
    unixctl_command_register("vlog/enable-rate-limit", "[module]...",
                             0, INT_MAX, vlog_enable_rate_limit, NULL);
    unixctl_command_register("vlog/disable-rate-limit", "[module]...",
                             0, INT_MAX, vlog_disable_rate_limit, NULL);
    unixctl_command_register("vlog/reopen", "", 0, 0,
                             vlog_unixctl_reopen, NULL);
    unixctl_command_register("vlog/close", "", 0, 0,
                             vlog_unixctl_close, NULL);
}

/* The vlog/... commands exist in every program, whether or not it ever
 * calls a vlog function: register them at start-up. */
OVS_CONSTRUCTOR(vlog_init_commands)
{
    vlog_init();
}

void
vlog_init(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;

    if (ovsthread_once_start(&once)) {
        ovs_mutex_init_recursive(&log_mutex);
        vlog_register_commands();
        ovsthread_once_done(&once);
    }
}

void
vlog_usage(void)
{
    printf("\nLogging options:\n"
           "  -vSPEC, --verbose=SPEC   set logging levels\n"
           "  -v, --verbose            set maximum verbosity level\n"
           "  --log-file[=FILE]        enable logging to specified FILE\n"
           "                           (default: %s/%s.log)\n"
           "  --syslog-method=(libc|unix:file|udp:ip:port)\n"
           "                           specify how to send messages to "
           "syslog daemon\n"
           "  --syslog-target=HOST:PORT  also send syslog msgs to HOST:PORT "
           "via UDP\n",
           ovs_logdir(), program_name);
}

/* Formatting. */

/* Appends 'date' formatted with the strftime_msec() format in braces at
 * '*pp' (advancing past it), or with 'default_format' if there are no
 * braces. */
static void
format_date(struct ds *s, const char **pp, bool utc)
{
    const char *p = *pp;
    char *format;
    struct tm_msec tm;
    char buf[128];
    long long int now = time_wall_msec();

    if (*p == '{') {
        const char *end = strchr(p, '}');
        if (end) {
            format = xmemdup0(p + 1, end - p - 1);
            *pp = end + 1;
        } else {
            format = xstrdup(p + 1);
            *pp = p + strlen(p);
        }
    } else {
        format = xstrdup("%Y-%m-%d %H:%M:%S.###");
    }

    if (utc ? gmtime_msec(now, &tm) : localtime_msec(now, &tm)) {
        size_t n = strftime_msec(buf, sizeof buf, format, &tm);
        ds_put_buffer(s, buf, n);
    }
    free(format);
}

/* Appends to 's' the message 'message' from 'module' at 'level' formatted
 * according to 'pattern'.  Called with 'log_mutex' held. */
static void
format_log_message(const struct vlog_module *module, enum vlog_level level,
                   const char *pattern, const char *message,
                   unsigned int seq, struct ds *s)
{
    const char *p;

    ds_clear(s);
    for (p = pattern; *p != '\0'; ) {
        const char *subprogram_name;
        enum { LEFT, RIGHT } justify = RIGHT;
        int pad = ' ';
        size_t length, field, used;

        if (*p != '%') {
            ds_put_char(s, *p++);
            continue;
        }

        p++;
        if (*p == '-') {
            justify = LEFT;
            p++;
        }
        if (*p == '0') {
            pad = '0';
            p++;
        }
        field = 0;
        while (isdigit((unsigned char) *p)) {
            field = (field * 10) + (*p - '0');
            p++;
        }

        length = s->length;
        switch (*p) {
        case '\0':
            /* A lone "%" at the end: nothing to convert. */
            continue;
        case 'A':
            ds_put_cstr(s, program_name);
            break;
        case 'B':
            ds_put_format(s, "%d", syslog_facility_or(LOG_LOCAL0)
                          + rfc5424_levels[level]);
            break;
        case 'c':
            ds_put_cstr(s, vlog_get_module_name(module));
            break;
        case 'd':
            p++;
            format_date(s, &p, false);
            p--;
            break;
        case 'D':
            p++;
            format_date(s, &p, true);
            p--;
            break;
        case 'E': {
            char hostname[256];

            if (gethostname(hostname, sizeof hostname)) {
                strcpy(hostname, "-");
            }
            hostname[sizeof hostname - 1] = '\0';
            ds_put_cstr(s, hostname);
            break;
        }
        case 'm':
            ds_put_cstr(s, message);
            break;
        case 'N':
            ds_put_format(s, "%u", seq);
            break;
        case 'n':
            ds_put_char(s, '\n');
            break;
        case 'p':
            ds_put_cstr(s, level_names[level]);
            break;
        case 'P':
            ds_put_format(s, "%ld", (long int) getpid());
            break;
        case 'r':
            ds_put_format(s, "%lld", time_wall_msec() - time_boot_msec());
            break;
        case 't':
            ds_put_cstr(s, get_subprogram_name());
            break;
        case 'T':
            subprogram_name = get_subprogram_name();
            if (strcmp(subprogram_name, "main")) {
                ds_put_format(s, "(%s)", subprogram_name);
            }
            break;
        default:
            ds_put_char(s, *p);
            break;
        }
        p++;

        used = s->length - length;
        if (used < field) {
            size_t n_pad = field - used;
            if (justify == RIGHT) {
                ds_put_uninit(s, n_pad);
                memmove(&s->string[length + n_pad], &s->string[length],
                        used);
                memset(&s->string[length], pad, n_pad);
            } else {
                ds_put_char_multiple(s, pad, n_pad);
            }
        }
    }
}

/* Writes all of 'buf' to 'fd', retrying after EINTR and short writes. */
static void
write_all(int fd, const char *buf, size_t size)
{
    while (size > 0) {
        ssize_t n = write(fd, buf, size);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;
        }
        buf += n;
        size -= n;
    }
}

/* Sends 'line' (the message 'message' already formatted by the syslog
 * pattern) to syslog, and 'message' to the --syslog-target.  Called with
 * 'log_mutex' held. */
static void
send_to_syslog(const struct vlog_module *module, enum vlog_level level,
               const char *message, const char *line, unsigned int seq,
               struct ds *tmp)
{
    if (syslog_method == SYSLOG_LIBC) {
        if (!syslog_opened) {
            openlog(program_name, LOG_NDELAY,
                    syslog_facility_or(LOG_DAEMON));
            syslog_opened = true;
        }
        syslog(syslog_levels[level], "%s", line);
    } else if (syslog_method == SYSLOG_SOCKET && syslog_fd >= 0) {
        ds_clear(tmp);
        ds_put_format(tmp, "<%d>%s",
                      syslog_facility_or(LOG_DAEMON) | syslog_levels[level],
                      line);
        ignore(send(syslog_fd, tmp->string, tmp->length, MSG_DONTWAIT) > 0);
    }

    if (syslog_target_fd >= 0) {
        format_log_message(module, level, SYSLOG_TARGET_PATTERN, message,
                           seq, tmp);
        ignore(send(syslog_target_fd, tmp->string, tmp->length,
                    MSG_DONTWAIT) > 0);
    }
}

void
vlog_valist(const struct vlog_module *module, enum vlog_level level,
            const char *format, va_list args)
{
    bool log_to_console = module->levels[VLF_CONSOLE] >= (int) level;
    bool log_to_syslog = module->levels[VLF_SYSLOG] >= (int) level;
    bool log_to_file = module->levels[VLF_FILE] >= (int) level;
    struct ds line, tmp;
    unsigned int seq;
    char *message;

    if (!log_to_console && !log_to_syslog && !log_to_file) {
        return;
    }

    vlog_init();
    message = xvasprintf(format, args);
    ds_init(&line);
    ds_init(&tmp);

    ovs_mutex_lock(&log_mutex);
    log_to_file = log_to_file && log_fd >= 0;
    seq = ++msg_num;

    if (log_to_console) {
        format_log_message(module, level, get_pattern(VLF_CONSOLE), message,
                           seq, &line);
        ds_put_char(&line, '\n');
        write_all(STDERR_FILENO, line.string, line.length);
    }
    if (log_to_syslog) {
        format_log_message(module, level, get_pattern(VLF_SYSLOG), message,
                           seq, &line);
        send_to_syslog(module, level, message, ds_cstr(&line), seq, &tmp);
    }
    if (log_to_file) {
        format_log_message(module, level, get_pattern(VLF_FILE), message,
                           seq, &line);
        ds_put_char(&line, '\n');
        write_all(log_fd, line.string, line.length);
    }
    ovs_mutex_unlock(&log_mutex);

    ds_destroy(&line);
    ds_destroy(&tmp);
    free(message);
}

void
vlog(const struct vlog_module *module, enum vlog_level level,
     const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vlog_valist(module, level, format, args);
    va_end(args);
}

void
vlog_fatal_valist(const struct vlog_module *module_, const char *format,
                  va_list args)
{
    struct vlog_module *module = CONST_CAST(struct vlog_module *, module_);
    va_list args2;

    /* ovs_fatal_valist() writes the message to stderr below, so keep it
     * off the console here. */
    module->levels[VLF_CONSOLE] = VLL_OFF;
    va_copy(args2, args);
    vlog_valist(module, VLL_EMER, format, args2);
    va_end(args2);
    ovs_fatal_valist(0, format, args);
}

void
vlog_fatal(const struct vlog_module *module, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vlog_fatal_valist(module, format, args);
    va_end(args);
}

void
vlog_abort_valist(const struct vlog_module *module_, const char *format,
                  va_list args)
{
    struct vlog_module *module = CONST_CAST(struct vlog_module *, module_);
    char *message = xvasprintf(format, args);

    module->levels[VLF_CONSOLE] = VLL_OFF;
    vlog(module, VLL_EMER, "%s", message);
    ovs_abort(0, "%s", message);
}

void
vlog_abort(const struct vlog_module *module, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vlog_abort_valist(module, format, args);
    va_end(args);
}

/* Rate limiting. */

bool
vlog_should_drop(const struct vlog_module *module, enum vlog_level level,
                 struct vlog_rate_limit *rl)
{
    if (!module->honor_rate_limits) {
        return false;
    }
    if (!vlog_is_enabled(module, level)) {
        return true;
    }

    ovs_mutex_lock(&rl->mutex);
    if (!token_bucket_withdraw(&rl->token_bucket, VLOG_MSG_TOKENS)) {
        time_t now = time_now();

        if (!rl->n_dropped) {
            rl->first_dropped = now;
        }
        rl->last_dropped = now;
        rl->n_dropped++;
        ovs_mutex_unlock(&rl->mutex);
        return true;
    }

    if (!rl->n_dropped) {
        ovs_mutex_unlock(&rl->mutex);
    } else {
        time_t now = time_now();
        unsigned int n_dropped = rl->n_dropped;
        long long int first_dropped_elapsed = now - rl->first_dropped;
        long long int last_dropped_elapsed = now - rl->last_dropped;

        rl->n_dropped = 0;
        ovs_mutex_unlock(&rl->mutex);

        vlog(module, level,
             "Dropped %u log messages in last %lld seconds (most recently, "
             "%lld seconds ago) due to excessive rate",
             n_dropped, first_dropped_elapsed, last_dropped_elapsed);
    }
    return false;
}

void
vlog_rate_limit(const struct vlog_module *module, enum vlog_level level,
                struct vlog_rate_limit *rl, const char *format, ...)
{
    if (!vlog_should_drop(module, level, rl)) {
        va_list args;

        va_start(args, format);
        vlog_valist(module, level, format, args);
        va_end(args);
    }
}
