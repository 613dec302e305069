/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_VLOG_H
#define OPENVSWITCH_VLOG_H 1

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <sys/types.h>
#include <time.h>
#include "openvswitch/compiler.h"
#include "openvswitch/list.h"
#include "openvswitch/util.h"
#include "ovs-thread.h"
#include "token-bucket.h"

/* Logging.
 *
 * Each source file that logs names its "module" once:
 *
 *     VLOG_DEFINE_THIS_MODULE(netdev_linux);
 *
 * and then logs with VLOG_ERR(...), VLOG_WARN(...), VLOG_INFO(...),
 * VLOG_DBG(...) and friends, which take printf-style arguments.  Module
 * names are global to a program: two files may not define the same one.
 *
 * Each message goes to up to three destinations: the console (standard
 * error), syslog, and a log file (--log-file).  Each module has, for each
 * destination, a level: a message is written to a destination if its level
 * is at least as severe as the module's level for that destination.
 * Levels are set from the command line (-v, --verbose) or at run time with
 * "ovs-appctl vlog/set", with the syntax of vlog_set_levels_from_string().
 *
 * Messages that can be triggered from outside (by a packet, a peer, a
 * client) must be rate limited: see VLOG_RATE_LIMIT_INIT and the *_RL
 * macros below. */

/* Log levels, from least to most verbose.  Each has its syslog severity and
 * its RFC 5424 severity number. */
#define VLOG_LEVELS                             \
    VLOG_LEVEL(OFF,  LOG_ALERT,   1)            \
    VLOG_LEVEL(EMER, LOG_ALERT,   1)            \
    VLOG_LEVEL(ERR,  LOG_ERR,     3)            \
    VLOG_LEVEL(WARN, LOG_WARNING, 4)            \
    VLOG_LEVEL(INFO, LOG_NOTICE,  5)            \
    VLOG_LEVEL(DBG,  LOG_DEBUG,   7)

enum vlog_level {
#define VLOG_LEVEL(NAME, SYSLOG_LEVEL, RFC5424_LEVEL) VLL_##NAME,
    VLOG_LEVELS
#undef VLOG_LEVEL
    VLL_N_LEVELS
};

/* Returns the lower-case name of 'level' ("off", "emer", ..., "dbg"), or
 * NULL if 'level' is out of range. */
const char *vlog_get_level_name(enum vlog_level level);

/* Returns the level named 'name' (case-insensitively), or VLL_N_LEVELS if
 * there is none. */
enum vlog_level vlog_get_level_val(const char *name);

/* Log destinations, each with its default pattern (see vlog_set_pattern()
 * for the syntax). */
#define VLOG_DESTINATIONS                                                 \
    VLOG_DESTINATION(SYSLOG, "ovs|%05N|%c%T|%p|%m")                       \
    VLOG_DESTINATION(CONSOLE, "%D{%Y-%m-%dT%H:%M:%SZ}|%05N|%c%T|%p|%m")   \
    VLOG_DESTINATION(FILE, "%D{%Y-%m-%dT%H:%M:%S.###Z}|%05N|%c%T|%p|%m")

enum vlog_destination {
#define VLOG_DESTINATION(NAME, PATTERN) VLF_##NAME,
    VLOG_DESTINATIONS
#undef VLOG_DESTINATION
    VLF_N_DESTINATIONS,
    VLF_ANY_DESTINATION = -1
};

/* Returns the lower-case name of 'destination' ("syslog", "console",
 * "file"), or NULL if out of range. */
const char *vlog_get_destination_name(enum vlog_destination destination);

/* Returns the destination named 'name' (case-insensitively; "any" gives
 * VLF_ANY_DESTINATION), or VLF_N_DESTINATIONS if there is none. */
enum vlog_destination vlog_get_destination_val(const char *name);

/* A log module.  Define one with VLOG_DEFINE_THIS_MODULE. */
struct vlog_module {
    struct ovs_list list;       /* In the list of all modules. */
    const char *name;           /* Name, e.g. "netdev_linux". */
    int levels[VLF_N_DESTINATIONS]; /* Level for each destination. */
    int min_level;              /* Most verbose level over 'levels'. */
    bool honor_rate_limits;     /* False to ignore rate limits. */
};

/* Adds the module whose 'list' member is 'list' to the list of all
 * modules.  VLOG_DEFINE_MODULE does this at program start-up. */
void vlog_insert_module(struct ovs_list *list);

/* Returns the name of 'module'. */
const char *vlog_get_module_name(const struct vlog_module *module);

/* Returns the module named 'name' (case-insensitively), or NULL. */
struct vlog_module *vlog_module_from_name(const char *name);

/* Rate limiting.
 *
 * Declare one rate limiter per message (or group of messages), static:
 *
 *     static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
 *     VLOG_WARN_RL(&rl, "bad packet from %s", name);
 *
 * which lets through at most 5 messages per minute on average, with bursts
 * of up to 20.  When a message gets through after others were dropped, a
 * line "Dropped N log messages in last S seconds (most recently, T seconds
 * ago) due to excessive rate" precedes it. */

/* Tokens that one message costs: one minute's worth of a rate of one. */
#define VLOG_MSG_TOKENS (60 * 1000)

struct vlog_rate_limit {
    struct token_bucket token_bucket; /* Tokens, VLOG_MSG_TOKENS each. */
    time_t first_dropped;       /* Time first message was dropped. */
    time_t last_dropped;        /* Time of most recent drop. */
    unsigned int n_dropped;     /* Number of messages dropped. */
    struct ovs_mutex mutex;     /* Protects the members above. */
};

/* Initializes a rate limiter allowing 'RATE' messages per minute on
 * average, in bursts of up to 'BURST'. */
#define VLOG_RATE_LIMIT_INIT(RATE, BURST)                               \
    {                                                                   \
        TOKEN_BUCKET_INIT(RATE,                                         \
                          ((unsigned long long int) (BURST)             \
                           * VLOG_MSG_TOKENS > UINT_MAX                 \
                           ? UINT_MAX                                   \
                           : (BURST) * VLOG_MSG_TOKENS)),               \
        0,                      /* first_dropped */                     \
        0,                      /* last_dropped */                      \
        0,                      /* n_dropped */                         \
        OVS_MUTEX_INITIALIZER   /* mutex */                             \
    }

/* Configuring levels. */

/* Returns the level of 'module' for 'destination'. */
enum vlog_level vlog_get_level(const struct vlog_module *module,
                               enum vlog_destination destination);

/* Sets the level of 'module' (NULL for every module) for 'destination'
 * (VLF_ANY_DESTINATION for every destination) to 'level'. */
void vlog_set_levels(struct vlog_module *module,
                     enum vlog_destination destination,
                     enum vlog_level level);

/* Parses 's' and applies it.  's' is a sequence of words separated by
 * spaces, tabs, commas or colons:
 *
 *   - A module name, or "any" (the default): which module(s) to change.
 *   - A destination name ("console", "syslog", "file") or "any" (the
 *     default): which destination(s) to change.
 *   - A level name ("off", "emer", "err", "warn", "info", "dbg"; the
 *     default is "dbg").
 *
 * at most one of each kind.  Two special forms change other settings:
 *
 *   - "PATTERN:DESTINATION:PATTERN" sets the pattern of DESTINATION.
 *   - "FACILITY:FACILITY" sets the syslog facility ("daemon", "local0",
 *     ...).
 *
 * Returns NULL on success, otherwise a malloc()'d error message that the
 * caller must free (and changes nothing). */
char *vlog_set_levels_from_string(const char *s) OVS_WARN_UNUSED_RESULT;

/* Like vlog_set_levels_from_string(), but aborts on error. */
void vlog_set_levels_from_string_assert(const char *s);

/* Returns the table of levels shown by "vlog/list", as a malloc()'d
 * string. */
char *vlog_get_levels(void);

/* Returns the table of patterns shown by "vlog/list-pattern", as a
 * malloc()'d string. */
char *vlog_get_patterns(void);

/* Returns true if a message from 'module' at 'level' would be written to
 * at least one destination. */
bool vlog_is_enabled(const struct vlog_module *module, enum vlog_level level);

/* Returns true if a message from 'module' at 'level', limited by 'rl',
 * should be dropped, either because no destination wants it or because of
 * the rate limit (in which case the drop is counted).  A false return
 * uses up the message's tokens. */
bool vlog_should_drop(const struct vlog_module *module,
                      enum vlog_level level, struct vlog_rate_limit *rl);

/* Sets the levels from the "-v"/"--verbose" argument 'arg': NULL (a bare
 * "-v") sets every module and destination to "dbg"; anything else goes
 * through vlog_set_levels_from_string(), and an error there is fatal. */
void vlog_set_verbosity(const char *arg);

/* Sets the pattern of 'destination' to 'pattern'.  Conversions:
 *
 *   %A  program name          %P  process id
 *   %B  RFC 5424 priority     %r  milliseconds since start-up
 *   %c  module name           %t  thread name ("main" in the main thread)
 *   %d  local date and time   %T  "(thread)", or nothing in main
 *   %D  UTC date and time     %m  the message
 *   %E  host name             %N  message sequence number
 *   %p  level ("INFO")        %n  new-line
 *   %%  a percent sign
 *
 * %d and %D take an optional strftime() format in braces, in which "#"
 * characters after the seconds are replaced by digits of the
 * milliseconds ("%D{%H:%M:%S.###}").  A conversion may have a minimum
 * width after the "%", with "-" to left-justify and "0" to pad with
 * zeros. */
void vlog_set_pattern(enum vlog_destination destination,
                      const char *pattern);

/* Starts logging to 'file_name' (NULL means the default,
 * $OVS_LOGDIR/<program>.log), closing any log file already open, unless it
 * is the same file.  Returns 0 or a positive errno value, after logging the
 * error. */
int vlog_set_log_file(const char *file_name);

/* Closes and reopens the log file (after log rotation).  Returns 0 or a
 * positive errno value; 0 if no log file is configured. */
int vlog_reopen_log_file(void);

/* Stops logging to the log file and closes it. */
void vlog_close_log_file(void);

/* Makes the log file owned by 'uid' and 'gid', for after dropping
 * privileges. */
void vlog_change_owner_unix(uid_t uid, gid_t gid);

/* Sets how messages reach syslog: "libc" (syslog(3)), "unix:FILE" (a
 * datagram Unix socket) or "udp:IP:PORT". */
void vlog_set_syslog_method(const char *method);

/* Also sends each syslog message, in RFC 5424 form, to the UDP target
 * "IP:PORT". */
void vlog_set_syslog_target(const char *target);

/* Asks for writes to the log file to happen from a separate thread.
 * Accepted for compatibility; writes stay synchronous. */
void vlog_enable_async(void);

/* Initializes the module: registers the "vlog/..." unixctl commands and logs
 * the first messages.  Called automatically by the functions above; a
 * program need not call it. */
void vlog_init(void);

/* Prints the usage text for the logging options to stdout. */
void vlog_usage(void);

/* Logging. */

/* Writes a message from 'module' at 'level', formatted from 'format',
 * to every destination whose level allows it. */
void vlog(const struct vlog_module *module, enum vlog_level level,
          const char *format, ...) OVS_PRINTF_FORMAT(3, 4);
void vlog_valist(const struct vlog_module *module, enum vlog_level level,
                 const char *format, va_list args) OVS_PRINTF_FORMAT(3, 0);

/* Logs at EMER level, then exits with status 1 (running fatal-signal's
 * exit hooks). */
void vlog_fatal(const struct vlog_module *module, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_NO_RETURN;
void vlog_fatal_valist(const struct vlog_module *module,
                       const char *format, va_list args)
    OVS_PRINTF_FORMAT(2, 0) OVS_NO_RETURN;

/* Logs at EMER level, then aborts (dumping core). */
void vlog_abort(const struct vlog_module *module, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_NO_RETURN;
void vlog_abort_valist(const struct vlog_module *module,
                       const char *format, va_list args)
    OVS_PRINTF_FORMAT(2, 0) OVS_NO_RETURN;

/* Like vlog(), but first checks the rate limiter 'rl'. */
void vlog_rate_limit(const struct vlog_module *module, enum vlog_level level,
                     struct vlog_rate_limit *rl, const char *format, ...)
    OVS_PRINTF_FORMAT(4, 5);

/* Defines the module 'MODULE' with external linkage, as VLM_MODULE. */
#define VLOG_DEFINE_MODULE(MODULE)                                      \
    extern struct vlog_module VLM_##MODULE;                             \
    struct vlog_module VLM_##MODULE = {                                 \
        OVS_LIST_INITIALIZER(&VLM_##MODULE.list),                       \
        #MODULE,                                                        \
        { VLL_INFO, VLL_INFO, VLL_INFO },                               \
        VLL_INFO,                                                       \
        true                                                            \
    };                                                                  \
    OVS_CONSTRUCTOR(init_##MODULE)                                      \
    {                                                                   \
        vlog_insert_module(&VLM_##MODULE.list);                         \
    }                                                                   \
    struct vlog_dummy_##MODULE

/* Defines 'MODULE' as the module for the VLOG_* macros in this file. */
#define VLOG_DEFINE_THIS_MODULE(MODULE)                                 \
    VLOG_DEFINE_MODULE(MODULE);                                         \
    static struct vlog_module *const THIS_MODULE OVS_UNUSED = &VLM_##MODULE

/* Convenience macros.  They check the level before evaluating the
 * arguments, so a disabled debug message costs one comparison. */
#define VLOG_FATAL(...) vlog_fatal(THIS_MODULE, __VA_ARGS__)
#define VLOG_ABORT(...) vlog_abort(THIS_MODULE, __VA_ARGS__)
#define VLOG_EMER(...) VLOG(VLL_EMER, __VA_ARGS__)
#define VLOG_ERR(...) VLOG(VLL_ERR, __VA_ARGS__)
#define VLOG_WARN(...) VLOG(VLL_WARN, __VA_ARGS__)
#define VLOG_INFO(...) VLOG(VLL_INFO, __VA_ARGS__)
#define VLOG_DBG(...) VLOG(VLL_DBG, __VA_ARGS__)

/* True if a message at the given level would be logged anywhere. */
#define VLOG_IS_ERR_ENABLED() (THIS_MODULE->min_level >= VLL_ERR)
#define VLOG_IS_WARN_ENABLED() (THIS_MODULE->min_level >= VLL_WARN)
#define VLOG_IS_INFO_ENABLED() (THIS_MODULE->min_level >= VLL_INFO)
#define VLOG_IS_DBG_ENABLED() (THIS_MODULE->min_level >= VLL_DBG)

/* Rate-limited forms: 'RL' is a struct vlog_rate_limit *. */
#define VLOG_ERR_RL(RL, ...) VLOG_RL(RL, VLL_ERR, __VA_ARGS__)
#define VLOG_WARN_RL(RL, ...) VLOG_RL(RL, VLL_WARN, __VA_ARGS__)
#define VLOG_INFO_RL(RL, ...) VLOG_RL(RL, VLL_INFO, __VA_ARGS__)
#define VLOG_DBG_RL(RL, ...) VLOG_RL(RL, VLL_DBG, __VA_ARGS__)

/* True if a rate-limited message at the given level should be dropped;
 * false uses up its tokens, so log it after this returns false. */
#define VLOG_DROP_ERR(RL) vlog_should_drop(THIS_MODULE, VLL_ERR, RL)
#define VLOG_DROP_WARN(RL) vlog_should_drop(THIS_MODULE, VLL_WARN, RL)
#define VLOG_DROP_INFO(RL) vlog_should_drop(THIS_MODULE, VLL_INFO, RL)
#define VLOG_DROP_DBG(RL) vlog_should_drop(THIS_MODULE, VLL_DBG, RL)

/* Forms that log only the first time they are reached. */
#define VLOG_ERR_ONCE(...) VLOG_ONCE(VLL_ERR, __VA_ARGS__)
#define VLOG_WARN_ONCE(...) VLOG_ONCE(VLL_WARN, __VA_ARGS__)
#define VLOG_INFO_ONCE(...) VLOG_ONCE(VLL_INFO, __VA_ARGS__)
#define VLOG_DBG_ONCE(...) VLOG_ONCE(VLL_DBG, __VA_ARGS__)

/* Command-line options, for a program's getopt_long() table:
 *
 *     enum { VLOG_OPTION_ENUMS, ... };
 *     static const struct option long_options[] = {
 *         VLOG_LONG_OPTIONS,
 *         ...
 *     };
 *     ...
 *     switch (c) {
 *     VLOG_OPTION_HANDLERS
 *     ...
 *     }
 */
#define VLOG_OPTION_ENUMS OPT_LOG_FILE, OPT_SYSLOG_IMPL, OPT_SYSLOG_TARGET
#define VLOG_LONG_OPTIONS                                               \
    {"verbose",         optional_argument, NULL, 'v'},                  \
    {"log-file",        optional_argument, NULL, OPT_LOG_FILE},         \
    {"syslog-method",   required_argument, NULL, OPT_SYSLOG_IMPL},      \
    {"syslog-target",   required_argument, NULL, OPT_SYSLOG_TARGET}
#define VLOG_OPTION_HANDLERS                    \
        case 'v':                               \
            vlog_set_verbosity(optarg);         \
            break;                              \
        case OPT_LOG_FILE:                      \
            vlog_set_log_file(optarg);          \
            break;                              \
        case OPT_SYSLOG_IMPL:                   \
            vlog_set_syslog_method(optarg);     \
            break;                              \
        case OPT_SYSLOG_TARGET:                 \
            vlog_set_syslog_target(optarg);     \
            break;
#define VLOG_OPTION_CASES \
        case 'v': case OPT_LOG_FILE: case OPT_SYSLOG_IMPL: \
        case OPT_SYSLOG_TARGET:

/* Implementation details. */
#define VLOG(LEVEL, ...)                                        \
    do {                                                        \
        enum vlog_level level__ = LEVEL;                        \
        if (THIS_MODULE->min_level >= (int) level__) {              \
            vlog(THIS_MODULE, level__, __VA_ARGS__);            \
        }                                                       \
    } while (0)
#define VLOG_RL(RL, LEVEL, ...)                                 \
    do {                                                        \
        enum vlog_level level__ = LEVEL;                        \
        if (THIS_MODULE->min_level >= (int) level__) {              \
            vlog_rate_limit(THIS_MODULE, level__, RL, __VA_ARGS__); \
        }                                                       \
    } while (0)
#define VLOG_ONCE(LEVEL, ...)                                           \
    do {                                                                \
        static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER; \
        if (ovsthread_once_start(&once)) {                              \
            vlog(THIS_MODULE, LEVEL, __VA_ARGS__);                      \
            ovsthread_once_done(&once);                                 \
        }                                                               \
    } while (0)

#endif /* openvswitch/vlog.h */
