# SPDX-License-Identifier: Apache-2.0
"""Logging in the style of the C library's vlog module.

Each module creates a Vlog with its name and logs through its emer(),
err(), warn(), info() and dbg() methods.  Nothing is logged until the
program calls Vlog.init(); afterwards messages go to the console (stderr),
to syslog and, if a log file was given, to that file, each destination with
its own level per module and its own format.

Programs may replace the level methods of the Vlog class (for example to
route messages into Python's logging module); this module's own code always
calls them through the class, so such replacements take effect everywhere.
"""

import datetime
import os
import re
import socket
import sys
import threading

import ovs.dirs
import ovs.util

DESTINATIONS = {"console": "info", "file": "info", "syslog": "info"}
PATTERNS = {
    "console": "%D{%Y-%m-%dT%H:%M:%SZ}|%05N|%c%T|%p|%m",
    "file": "%D{%Y-%m-%dT%H:%M:%S.###Z}|%05N|%c%T|%p|%m",
    "syslog": "ovs|%05N|%c%T|%p|%m",
}
LEVELS = {
    "dbg": 10,
    "info": 20,
    "warn": 30,
    "err": 40,
    "emer": 50,
    "off": 60,
}
FACILITIES = ['auth', 'authpriv', 'cron', 'daemon', 'ftp', 'kern', 'lpr',
              'mail', 'news', 'syslog', 'user', 'uucp', 'local0', 'local1',
              'local2', 'local3', 'local4', 'local5', 'local6', 'local7']
syslog_facility = "daemon"
syslog_handler = ''

# Syslog priorities (RFC 5424) by level, for the "%B" and "<%B>" prefixes.
_SYSLOG_SEVERITY = {"emer": 2, "err": 3, "warn": 4, "info": 6, "dbg": 7}


def get_level(level_str):
    """Returns the numeric level for 'level_str' ("dbg", "info", "warn",
    "err", "emer", "off"; case does not matter), or None if invalid."""
    return LEVELS.get(level_str.lower())


class Vlog(object):
    __inited = False
    __msg_num = 0
    __start_time = 0
    __mfl = {}          # Module -> destination -> level name.
    __log_file = None   # Name of the log file, or None.
    __file = None       # Open log file, or None.
    __syslog = None     # The syslog module, once opened.
    __lock = threading.RLock()
    __patterns = dict(PATTERNS)

    def __init__(self, name):
        """Creates the logger of module 'name'.  Its messages are discarded
        until Vlog.init() is called."""
        self.name = name.lower()
        if self.name not in Vlog.__mfl:
            Vlog.__mfl[self.name] = DESTINATIONS.copy()

    def __log(self, level, message, **kwargs):
        if not Vlog.__inited:
            return

        level_num = LEVELS.get(level, 0)
        with Vlog.__lock:
            Vlog.__msg_num += 1
            msg_num = Vlog.__msg_num
            for dest in DESTINATIONS:
                threshold = LEVELS[Vlog.__mfl[self.name][dest]]
                if level_num < threshold:
                    continue
                text = self._build_message(message, dest, level, msg_num)
                if dest == "console":
                    sys.stderr.write(text + "\n")
                    sys.stderr.flush()
                elif dest == "file":
                    if Vlog.__file is not None:
                        try:
                            Vlog.__file.write(text + "\n")
                            Vlog.__file.flush()
                        except (IOError, OSError, ValueError):
                            pass
                elif dest == "syslog":
                    Vlog._syslog(level, text)

    @staticmethod
    def _syslog(level, text):
        if Vlog.__syslog is None:
            return
        priority = {"emer": Vlog.__syslog.LOG_ALERT,
                    "err": Vlog.__syslog.LOG_ERR,
                    "warn": Vlog.__syslog.LOG_WARNING,
                    "info": Vlog.__syslog.LOG_INFO,
                    "dbg": Vlog.__syslog.LOG_DEBUG}[level]
        try:
            Vlog.__syslog.syslog(priority, text)
        except (OSError, ValueError):
            pass

    def _build_message(self, message, destination, level, msg_num):
        """Formats 'message' for 'destination' according to its pattern."""
        pattern = Vlog.__patterns[destination]
        out = []
        i = 0
        n = len(pattern)
        while i < n:
            c = pattern[i]
            if c != '%' or i + 1 >= n:
                out.append(c)
                i += 1
                continue
            i += 1
            # Optional justification and width: %[-][0]WIDTH.
            left = False
            pad = " "
            if pattern[i] == '-':
                left = True
                i += 1
            if i < n and pattern[i] == '0':
                pad = "0"
                i += 1
            width_start = i
            while i < n and pattern[i].isdigit():
                i += 1
            width = int(pattern[width_start:i]) if i > width_start else 0
            if i >= n:
                break
            spec = pattern[i]
            i += 1
            arg = None
            if i < n and pattern[i] == '{':
                end = pattern.find('}', i)
                if end >= 0:
                    arg = pattern[i + 1:end]
                    i = end + 1
            field = self._format_field(spec, arg, level, msg_num, message)
            if len(field) < width:
                if left:
                    field = field + " " * (width - len(field))
                else:
                    field = pad * (width - len(field)) + field
            out.append(field)
        return "".join(out)

    def _format_field(self, spec, arg, level, msg_num, message):
        if spec == 'A':
            return ovs.util.PROGRAM_NAME
        elif spec == 'B':
            facility = FACILITIES.index(syslog_facility) \
                if syslog_facility in FACILITIES else 3
            return str(facility * 8 + _SYSLOG_SEVERITY[level])
        elif spec == 'c':
            return self.name
        elif spec in ('d', 'D'):
            return self._format_time(spec == 'D', arg)
        elif spec == 'E':
            return socket.gethostname()
        elif spec == 'm':
            return message
        elif spec == 'N':
            return str(msg_num)
        elif spec == 'n':
            return "\n"
        elif spec == 'p':
            return level.upper()
        elif spec == 'P':
            return str(os.getpid())
        elif spec == 'r':
            return str(int((datetime.datetime.now().timestamp()
                            - Vlog.__start_time) * 1000))
        elif spec == 't':
            name = threading.current_thread().name
            return "main" if name == "MainThread" else name
        elif spec == 'T':
            name = threading.current_thread().name
            return "" if name == "MainThread" else "(%s)" % name
        elif spec == '%':
            return "%"
        return ""

    @staticmethod
    def _format_time(utc, fmt):
        """Formats the current time with strftime() format 'fmt', in UTC if
        'utc' and local time otherwise.  "#" characters become digits of
        the fraction of a second."""
        if fmt is None:
            fmt = "%Y-%m-%d %H:%M:%S.###"
        if utc:
            now = datetime.datetime.now(datetime.timezone.utc)
        else:
            now = datetime.datetime.now()
        text = now.strftime(fmt.replace("#", "\x01"))
        digits = "%06d" % now.microsecond
        pos = 0
        out = []
        for ch in text:
            if ch == "\x01":
                out.append(digits[pos] if pos < 6 else "0")
                pos += 1
            else:
                out.append(ch)
        return "".join(out)

    def emer(self, message, **kwargs):
        self.__log("emer", message, **kwargs)

    def err(self, message, **kwargs):
        self.__log("err", message, **kwargs)

    def warn(self, message, **kwargs):
        self.__log("warn", message, **kwargs)

    def info(self, message, **kwargs):
        self.__log("info", message, **kwargs)

    def dbg(self, message, **kwargs):
        self.__log("dbg", message, **kwargs)

    def __is_enabled(self, level):
        if not Vlog.__inited:
            return False
        level_num = LEVELS[level]
        for dest in DESTINATIONS:
            if level_num >= LEVELS[Vlog.__mfl[self.name][dest]]:
                return True
        return False

    def emer_is_enabled(self):
        return self.__is_enabled("emer")

    def err_is_enabled(self):
        return self.__is_enabled("err")

    def warn_is_enabled(self):
        return self.__is_enabled("warn")

    def info_is_enabled(self):
        return self.__is_enabled("info")

    def dbg_is_enabled(self):
        return self.__is_enabled("dbg")

    def exception(self, message):
        """Logs 'message' at ERR level, followed by the traceback of the
        exception being handled."""
        import traceback
        self.err(message + "\n" + traceback.format_exc().rstrip())

    @staticmethod
    def init(log_file=None):
        """Starts logging.  If 'log_file' is given, messages are also
        written to that file (for the "file" destination).  Should be called
        once, after all Vlog objects have been created."""
        if Vlog.__inited:
            return

        Vlog.__inited = True
        Vlog.__start_time = datetime.datetime.now().timestamp()
        Vlog.__log_file = log_file
        if log_file:
            try:
                Vlog.__file = open(log_file, "a")
            except (IOError, OSError):
                Vlog.__file = None
        try:
            import syslog
            syslog.openlog(ovs.util.PROGRAM_NAME, 0,
                           getattr(syslog, "LOG_" + syslog_facility.upper(),
                                   syslog.LOG_DAEMON))
            Vlog.__syslog = syslog
        except ImportError:
            Vlog.__syslog = None

        try:
            from ovs import unixctl
        except ImportError:
            unixctl = None
        if unixctl is not None:
            unixctl.command_register("vlog/reopen", "", 0, 0,
                                     Vlog._unixctl_vlog_reopen, None)
            unixctl.command_register("vlog/close", "", 0, 0,
                                     Vlog._unixctl_vlog_close, None)
            unixctl.command_register("vlog/set", "spec", 1, sys.maxsize,
                                     Vlog._unixctl_vlog_set, None)
            unixctl.command_register("vlog/list", "", 0, 0,
                                     Vlog._unixctl_vlog_list, None)

    @staticmethod
    def set_level(module, destination, level):
        """Sets the log level of 'module' (or every module, if "any") for
        'destination' (or every destination, if "any") to 'level'."""
        if module != "any" and module not in Vlog.__mfl:
            return

        if destination != "any" and destination not in DESTINATIONS:
            return

        if level not in LEVELS:
            return

        if module == "any":
            modules = list(Vlog.__mfl.keys())
        else:
            modules = [module]

        if destination == "any":
            destinations = list(DESTINATIONS.keys())
        else:
            destinations = [destination]

        for m in modules:
            for f in destinations:
                Vlog.__mfl[m][f] = level

    @staticmethod
    def set_pattern(destination, pattern):
        """Sets the message format for 'destination' (or every destination,
        if "any")."""
        if destination == "any":
            for d in DESTINATIONS:
                Vlog.__patterns[d] = pattern
        elif destination in DESTINATIONS:
            Vlog.__patterns[destination] = pattern

    @staticmethod
    def set_levels_from_string(s):
        """Applies 's', in the syntax of the -v option: words separated by
        ':' or spaces, each a module name, a destination, or a level, any
        of which may be omitted (or "any"); or
        "PATTERN:<destination>:<pattern>".  Returns None on success, an
        error message otherwise."""
        module = None
        level = None
        destination = None

        words = re.split('[ :]', s)
        if words[0].lower() == "pattern":
            try:
                if words[1] in DESTINATIONS and words[2]:
                    segments = [words[i] for i in range(2, len(words))]
                    pattern = "".join(segments)
                    Vlog.set_pattern(words[1], pattern)
                    return
                else:
                    return "Destination %s does not exist" % words[1]
            except IndexError:
                return "Please supply a valid pattern and destination"
        elif words[0].lower() == "facility":
            global syslog_facility
            if len(words) > 1 and words[1] in FACILITIES:
                syslog_facility = words[1]
                return
            else:
                return "Facility %s is invalid" % " ".join(words[1:])

        for word in words:
            word = word.lower()
            if word == "any":
                pass
            elif word in DESTINATIONS:
                if destination:
                    return "cannot specify multiple destinations"
                destination = word
            elif word in LEVELS:
                if level:
                    return "cannot specify multiple levels"
                level = word
            elif word in Vlog.__mfl:
                if module:
                    return "cannot specify multiple modules"
                module = word
            else:
                return "no destination, level, or module \"%s\"" % word

        Vlog.set_level(module or "any", destination or "any", level or "any")

    @staticmethod
    def get_levels():
        """Returns a table of each module's level for each destination."""
        lines = ["                 console    syslog    file\n",
                 "                 -------    ------    ------\n"]
        for name in sorted(Vlog.__mfl):
            levels = Vlog.__mfl[name]
            lines.append("%-16s  %4s       %4s       %4s\n"
                         % (name, levels["console"].upper(),
                            levels["syslog"].upper(),
                            levels["file"].upper()))
        return "".join(lines)

    @staticmethod
    def reopen_log_file():
        """Closes and reopens the log file (after it has been rotated, for
        example).  Returns True on success."""
        with Vlog.__lock:
            if Vlog.__file is not None:
                try:
                    Vlog.__file.close()
                except (IOError, OSError):
                    pass
                Vlog.__file = None
            if not Vlog.__log_file:
                return False
            try:
                Vlog.__file = open(Vlog.__log_file, "a")
                return True
            except (IOError, OSError):
                return False

    @staticmethod
    def close_log_file():
        """Closes the log file, if one is open."""
        with Vlog.__lock:
            if Vlog.__file is not None:
                try:
                    Vlog.__file.close()
                except (IOError, OSError):
                    pass
                Vlog.__file = None

    @staticmethod
    def add_syslog_handler(facility=None):
        """Opens syslog with 'facility' (a name from FACILITIES)."""
        global syslog_facility
        if facility:
            syslog_facility = facility
        try:
            import syslog
            syslog.openlog(ovs.util.PROGRAM_NAME, 0,
                           getattr(syslog, "LOG_" + syslog_facility.upper(),
                                   syslog.LOG_DAEMON))
            Vlog.__syslog = syslog
        except ImportError:
            pass

    @staticmethod
    def _unixctl_vlog_reopen(conn, unused_argv, unused_aux):
        if Vlog.__log_file:
            if Vlog.reopen_log_file():
                conn.reply(None)
            else:
                conn.reply_error("could not reopen log file")
        else:
            conn.reply("Logging to file not configured")

    @staticmethod
    def _unixctl_vlog_close(conn, unused_argv, unused_aux):
        Vlog.close_log_file()
        conn.reply(None)

    @staticmethod
    def _unixctl_vlog_set(conn, argv, unused_aux):
        for arg in argv:
            msg = Vlog.set_levels_from_string(arg)
            if msg:
                conn.reply_error(msg)
                return
        conn.reply(None)

    @staticmethod
    def _unixctl_vlog_list(conn, unused_argv, unused_aux):
        conn.reply(Vlog.get_levels())


def add_args(parser):
    """Adds vlog's command-line options to 'parser', an
    argparse.ArgumentParser."""
    group = parser.add_argument_group(title="Logging Options")
    group.add_argument("--log-file", nargs="?", const="default",
                       help="also log to LOG_FILE (by default "
                       "<logdir>/<program>.log)")
    group.add_argument("-v", "--verbose", nargs="*",
                       help="set log levels: [MODULE][:DESTINATION][:LEVEL]"
                       " (without an argument, everything at dbg)")


def handle_args(args):
    """Applies the logging options parsed from add_args()'s options and
    calls Vlog.init()."""
    log_file = args.log_file
    if log_file == "default":
        log_file = "%s/%s.log" % (ovs.dirs.LOGDIR, ovs.util.PROGRAM_NAME)

    if args.verbose is None:
        args.verbose = []
    elif args.verbose == []:
        args.verbose = ["any:any:dbg"]

    for verbose in args.verbose:
        msg = Vlog.set_levels_from_string(verbose)
        if msg:
            ovs.util.ovs_fatal(0, "processing \"%s\": %s" % (verbose, msg))

    Vlog.init(log_file)
