/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *program_name = "weft";

void
ovs_assert_failure(const char *where, const char *function,
                   const char *condition)
{
    ovs_abort(0, "%s: assertion %s failed in %s()",
              where, condition, function);
}

/* Sets 'program_name' from 'argv0', dropping any directory and any libtool
 * "lt-" prefix. */
void
set_program_name(const char *argv0)
{
    const char *slash = strrchr(argv0, '/');
    const char *name = slash ? slash + 1 : argv0;

    if (!strncmp(name, "lt-", 3)) {
        name += 3;
    }
    program_name = name;
}

/* Returns the version of the package, e.g. "0.1.0". */
const char *
get_program_version(void)
{
    return PACKAGE_VERSION;
}

/* Prints the "--version" text of the running program to stdout.  When
 * 'min_ofp' and 'max_ofp' are nonzero, also prints the range of OpenFlow
 * versions that the program supports, as upstream does. */
void
ovs_print_version(int min_ofp, int max_ofp)
{
    printf("%s (Weft) %s\n", program_name, PACKAGE_VERSION);
    if (min_ofp || max_ofp) {
        printf("OpenFlow versions %#x:%#x\n", min_ofp, max_ofp);
    }
}

static void OVS_NO_RETURN
out_of_memory(void)
{
    ovs_abort(0, "virtual memory exhausted");
}

void *
xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) {
        out_of_memory();
    }
    return p;
}

void *
xcalloc(size_t count, size_t size)
{
    void *p = count && size ? calloc(count, size) : malloc(1);
    if (!p) {
        out_of_memory();
    }
    return p;
}

void *
xzalloc(size_t size)
{
    return xcalloc(1, size);
}

void *
xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p) {
        out_of_memory();
    }
    return p;
}

void *
xmemdup(const void *p, size_t size)
{
    void *copy = xmalloc(size);
    memcpy(copy, p, size);
    return copy;
}

/* Returns a null-terminated copy of the 'length' bytes at 'p'. */
char *
xmemdup0(const char *p, size_t length)
{
    char *copy = xmalloc(length + 1);
    memcpy(copy, p, length);
    copy[length] = '\0';
    return copy;
}

char *
xstrdup(const char *s)
{
    return xmemdup0(s, strlen(s));
}

char *
nullable_xstrdup(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

char *
xvasprintf(const char *format, va_list args)
{
    va_list args2;
    size_t needed;
    char *s;

    va_copy(args2, args);
    needed = vsnprintf(NULL, 0, format, args);
    s = xmalloc(needed + 1);
    vsnprintf(s, needed + 1, format, args2);
    va_end(args2);

    return s;
}

char *
xasprintf(const char *format, ...)
{
    va_list args;
    char *s;

    va_start(args, format);
    s = xvasprintf(format, args);
    va_end(args);

    return s;
}

/* Grows the array 'p' of '*n' elements of 's' bytes each to about twice
 * its size (at least 1 element), updating '*n'.  Returns the new array. */
void *
x2nrealloc(void *p, size_t *n, size_t s)
{
    *n = *n == 0 ? 1 : 2 * *n;
    if (*n > SIZE_MAX / 2 / s) {
        out_of_memory();
    }
    return xrealloc(p, *n * s);
}

/* Copies 'src' to 'dst', truncating to fit 'size' bytes and always
 * null-terminating (if 'size' is nonzero). */
void
ovs_strlcpy(char *dst, const char *src, size_t size)
{
    if (size > 0) {
        size_t len = strnlen(src, size - 1);
        memcpy(dst, src, len);
        dst[len] = '\0';
    }
}

/* Like ovs_strlcpy(), but also zeroes the rest of 'dst'. */
void
ovs_strzcpy(char *dst, const char *src, size_t size)
{
    if (size > 0) {
        size_t len = strnlen(src, size - 1);
        memcpy(dst, src, len);
        memset(dst + len, '\0', size - len);
    }
}

static void
print_error(int err_no, const char *format, va_list args)
{
    int save_errno = errno;

    fprintf(stderr, "%s: ", program_name);
    vfprintf(stderr, format, args);
    if (err_no != 0) {
        fprintf(stderr, " (%s)", ovs_retval_to_string(err_no));
    }
    putc('\n', stderr);
    errno = save_errno;
}

/* Prints "program_name: ", then 'format', then the error message for
 * 'err_no' (if nonzero) to stderr, then aborts, leaving a core dump. */
void
ovs_abort(int err_no, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    print_error(err_no, format, args);
    va_end(args);
    abort();
}

/* Like ovs_abort() but exits with status 1 instead of dumping core. */
void
ovs_fatal(int err_no, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    ovs_fatal_valist(err_no, format, args);
}

void
ovs_fatal_valist(int err_no, const char *format, va_list args)
{
    print_error(err_no, format, args);
    exit(EXIT_FAILURE);
}

/* Prints an error message like ovs_fatal() but returns. */
void
ovs_error(int err_no, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    print_error(err_no, format, args);
    va_end(args);
}

void
ovs_error_valist(int err_no, const char *format, va_list args)
{
    print_error(err_no, format, args);
}

/* Returns a readable string for 'retval', which is 0 for success, a
 * positive errno value, or EOF. */
const char *
ovs_retval_to_string(int retval)
{
    return (!retval ? ""
            : retval == EOF ? "End of file"
            : ovs_strerror(retval));
}

/* Like strerror(), but thread-safe. */
const char *
ovs_strerror(int err_no)
{
    static __thread char buffer[128];
    const char *s;

#if (_POSIX_C_SOURCE >= 200112L) && !defined(_GNU_SOURCE)
    s = strerror_r(err_no, buffer, sizeof buffer) ? "Unknown error" : buffer;
#else
    s = strerror_r(err_no, buffer, sizeof buffer);
#endif
    return s;
}

/* Parses 's' as a whole as an integer in 'base' (0 meaning C syntax),
 * storing it in '*x'.  Returns true on success; on failure stores 0 and
 * returns false. */
bool
str_to_llong(const char *s, int base, long long *x)
{
    char *tail;
    int save_errno = errno;

    errno = 0;
    *x = strtoll(s, &tail, base);
    if (errno == EINVAL || errno == ERANGE || tail == s || *tail != '\0') {
        errno = save_errno;
        *x = 0;
        return false;
    }
    errno = save_errno;
    return true;
}

bool
str_to_long(const char *s, int base, long *li)
{
    long long ll;
    bool ok = str_to_llong(s, base, &ll);

    if (!ok || ll < LONG_MIN || ll > LONG_MAX) {
        *li = 0;
        return false;
    }
    *li = ll;
    return true;
}

bool
str_to_int(const char *s, int base, int *i)
{
    long long ll;
    bool ok = str_to_llong(s, base, &ll);

    if (!ok || ll < INT_MIN || ll > INT_MAX) {
        *i = 0;
        return false;
    }
    *i = ll;
    return true;
}

bool
str_to_ullong(const char *s, int base, unsigned long long *x)
{
    char *tail;
    int save_errno = errno;

    errno = 0;
    if (*s == '-') {
        *x = 0;
        return false;
    }
    *x = strtoull(s, &tail, base);
    if (errno == EINVAL || errno == ERANGE || tail == s || *tail != '\0') {
        errno = save_errno;
        *x = 0;
        return false;
    }
    errno = save_errno;
    return true;
}

bool
str_to_uint(const char *s, int base, unsigned int *u)
{
    long long ll;
    bool ok = str_to_llong(s, base, &ll);

    if (!ok || ll < 0 || ll > UINT_MAX) {
        *u = 0;
        return false;
    }
    *u = ll;
    return true;
}

bool
str_to_double(const char *s, double *d)
{
    int save_errno = errno;
    char *tail;

    errno = 0;
    *d = strtod(s, &tail);
    if (errno == EINVAL || (errno == ERANGE && *d != 0)
        || tail == s || *tail != '\0') {
        errno = save_errno;
        *d = 0;
        return false;
    }
    errno = save_errno;
    return true;
}

bool
string_ends_with(const char *str, const char *suffix)
{
    size_t str_len = strlen(str);
    size_t suffix_len = strlen(suffix);

    return (str_len >= suffix_len
            && !strcmp(str + (str_len - suffix_len), suffix));
}

/* Returns the directory part of 'file_name', as dirname(3) would, in a
 * new string the caller must free. */
char *
dir_name(const char *file_name)
{
    size_t len = strlen(file_name);

    while (len > 0 && file_name[len - 1] == '/') {
        len--;
    }
    while (len > 0 && file_name[len - 1] != '/') {
        len--;
    }
    while (len > 0 && file_name[len - 1] == '/') {
        len--;
    }
    return (len ? xmemdup0(file_name, len)
            : *file_name == '/' ? xstrdup("/")
            : xstrdup("."));
}

/* Returns the last component of 'file_name', as basename(3) would, in a
 * new string the caller must free. */
char *
base_name(const char *file_name)
{
    size_t end, start;

    end = strlen(file_name);
    while (end > 0 && file_name[end - 1] == '/') {
        end--;
    }
    if (!end) {
        return xstrdup(*file_name ? "/" : ".");
    }
    start = end;
    while (start > 0 && file_name[start - 1] != '/') {
        start--;
    }
    return xmemdup0(file_name + start, end - start);
}

/* Returns the current working directory in a new string, or NULL on
 * error (with errno set). */
char *
get_cwd(void)
{
    size_t size = 1024;

    for (;;) {
        char *buf = xmalloc(size);
        if (getcwd(buf, size)) {
            return buf;
        }
        free(buf);
        if (errno != ERANGE) {
            return NULL;
        }
        size *= 2;
    }
}

/* Returns 'file_name' made absolute relative to 'dir' (or, if 'dir' is
 * NULL, the current directory), in a new string; NULL on error. */
char *
abs_file_name(const char *dir, const char *file_name)
{
    char *cwd, *abs;

    if (file_name[0] == '/') {
        return xstrdup(file_name);
    } else if (dir && dir[0]) {
        const char *sep = dir[strlen(dir) - 1] == '/' ? "" : "/";
        return xasprintf("%s%s%s", dir, sep, file_name);
    }
    cwd = get_cwd();
    if (!cwd) {
        return NULL;
    }
    abs = xasprintf("%s/%s", cwd, file_name);
    free(cwd);
    return abs;
}

/* Returns 'filename' with symbolic links resolved, following at most 10
 * levels, in a new string.  A name that is not a link is returned as is. */
char *
follow_symlinks(const char *filename)
{
    char *fn = xstrdup(filename);
    int i;

    for (i = 0; i < 10; i++) {
        char buf[PATH_MAX];
        ssize_t n = readlink(fn, buf, sizeof buf - 1);
        char *next, *dir;

        if (n < 0) {
            break;
        }
        buf[n] = '\0';
        dir = dir_name(fn);
        next = buf[0] == '/' ? xstrdup(buf) : abs_file_name(dir, buf);
        free(dir);
        free(fn);
        fn = next;
    }
    return fn;
}

/* Calls fsync() on the directory that contains 'file_name', so that a
 * rename or creation in it is durable.  Returns 0 or a positive errno. */
int
fsync_parent_dir(const char *file_name)
{
    char *dir = dir_name(file_name);
    int error = 0;
    int fd;

    fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        if (fsync(fd) && errno != EINVAL) {
            error = errno;
        }
        close(fd);
    } else {
        error = errno;
    }
    free(dir);
    return error;
}

/* Explicitly ignores a result that the compiler would warn about. */
void
ignore(bool x OVS_UNUSED)
{
}
