/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ovsdb/log.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "hash.h"
#include "json.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/util.h"
#include "ovsdb-error.h"

/* Size of a SHA-1 digest, in bytes and in hex digits. */
#define LOG_SHA1_SIZE 20
#define LOG_SHA1_HEX_LEN (LOG_SHA1_SIZE * 2)

/* The longest header line that is read whole, including its new-line.  A
 * longer line is read as its first LOG_HEADER_MAX - 1 bytes, which cannot
 * parse, and that is what error messages show (upstream does the same). */
#define LOG_HEADER_MAX 128

/* What a log is doing. */
enum ovsdb_log_state {
    OVSDB_LOG_READ,             /* Reading records (possibly at EOF). */
    OVSDB_LOG_READ_ERROR,       /* Read failed; 'error' says why. */
    OVSDB_LOG_WRITE,            /* Appending records. */
    OVSDB_LOG_WRITE_ERROR       /* Write failed; 'error' says why. */
};

/* A held lock on a database's lock file.  fcntl() locks belong to the
 * process, and closing any descriptor of the locked file drops them, so
 * every lock file this process holds is registered here, by device and
 * inode, and a second attempt to lock one fails (EDEADLK) instead of
 * opening and closing it. */
struct ovsdb_log_lock {
    struct hmap_node node;      /* In 'log_locks', by hash of dev/ino. */
    char *name;                 /* Lock file name. */
    dev_t dev;                  /* Lock file's device. */
    ino_t ino;                  /* Lock file's inode. */
    int fd;                     /* Descriptor that holds the lock. */
    pid_t pid;                  /* Process that holds it (a child forked
                                 * after locking does not hold it). */
};

/* All the lock files this process holds. */
static struct hmap log_locks = HMAP_INITIALIZER(&log_locks);

/* An open log. */
struct ovsdb_log {
    enum ovsdb_log_state state; /* What the log is doing. */
    struct ovsdb_error *error;  /* Error for the *_ERROR states. */
    char *display_name;         /* File name as the caller gave it. */
    char *name;                 /* Same, with symbolic links resolved. */
    char *magic;                /* Magic of this log's records. */
    struct ovsdb_log_lock *lock; /* Lock on the file, or NULL. */
    FILE *stream;               /* The file. */
    off_t prev_offset;          /* Start of the last record read. */
    off_t offset;               /* End of the last good record. */
    off_t base;                 /* Size when last marked as base. */
    bool can_unread;            /* Did the last read return a record? */
};

static struct ovsdb_error *log_read_error(struct ovsdb_log *,
                                          struct ovsdb_error *);
static void log_lock_release(struct ovsdb_log_lock *);

/* Locking. */

/* Returns the name of the lock file for 'file_name': ".<base>.~lock~" in
 * the same directory. */
static char *
log_lock_name(const char *file_name)
{
    const char *slash = strrchr(file_name, '/');

    if (slash) {
        return xasprintf("%.*s/.%s.~lock~", (int) (slash - file_name),
                         file_name, slash + 1);
    }
    return xasprintf(".%s.~lock~", file_name);
}

static uint32_t
log_lock_hash(dev_t dev, ino_t ino)
{
    return hash_uint64_basis(ino, hash_uint64(dev));
}

static struct ovsdb_log_lock *
log_lock_find(dev_t dev, ino_t ino)
{
    struct ovsdb_log_lock *lock;

    HMAP_FOR_EACH_WITH_HASH (lock, node, log_lock_hash(dev, ino),
                             &log_locks) {
        if (lock->dev == dev && lock->ino == ino && lock->pid == getpid()) {
            return lock;
        }
    }
    return NULL;
}

/* Takes the lock for 'file_name' (whose symbolic links are already
 * resolved) and stores it in '*lockp'.  Returns 0 if successful, EAGAIN if
 * another process holds the lock, EDEADLK if this process does, otherwise
 * another positive errno value. */
static int
log_lock_acquire(const char *file_name, struct ovsdb_log_lock **lockp)
{
    char *lock_name = log_lock_name(file_name);
    struct flock fl;
    struct stat s;
    int fd;

    *lockp = NULL;

    /* Check for a lock we already hold before opening the file: opening
     * and closing it again would drop that lock. */
    if (!stat(lock_name, &s) && log_lock_find(s.st_dev, s.st_ino)) {
        free(lock_name);
        return EDEADLK;
    }

    fd = open(lock_name, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        int error = errno;

        free(lock_name);
        return error;
    }
    if (fstat(fd, &s)) {
        int error = errno;

        close(fd);
        free(lock_name);
        return error;
    }

    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = 0;
    fl.l_len = 0;
    if (fcntl(fd, F_SETLK, &fl)) {
        int error = errno == EACCES ? EAGAIN : errno;

        close(fd);
        free(lock_name);
        return error;
    }

    struct ovsdb_log_lock *lock = xmalloc(sizeof *lock);
    lock->name = lock_name;
    lock->dev = s.st_dev;
    lock->ino = s.st_ino;
    lock->fd = fd;
    lock->pid = getpid();
    hmap_insert(&log_locks, &lock->node, log_lock_hash(s.st_dev, s.st_ino));
    *lockp = lock;
    return 0;
}

int
ovsdb_log_lock_file(const char *file_name, struct ovsdb_log_lock **lockp)
{
    char *name = follow_symlinks(file_name);
    int error = log_lock_acquire(name, lockp);

    free(name);
    return error;
}

void
ovsdb_log_unlock_file(struct ovsdb_log_lock *lock)
{
    log_lock_release(lock);
}

/* Releases 'lock' and frees it.  NULL is allowed. */
static void
log_lock_release(struct ovsdb_log_lock *lock)
{
    if (lock) {
        hmap_remove(&log_locks, &lock->node);
        close(lock->fd);
        free(lock->name);
        free(lock);
    }
}

/* Headers.
 *
 * Each record's header carries the SHA-1 of its body.  The SHA-1 is our
 * own rather than OpenSSL's: the first EVP digest call initializes
 * OpenSSL's provider machinery, which costs every ovsdb-server about
 * 1.4 MB of resident memory for one fixed, well-specified function
 * (FIPS 180-4).  TLS still uses OpenSSL.  The tests read and write logs
 * with upstream's ovsdb-tool, which checks every digest. */

/* Rotates 'x' left by 'n' bits (0 < n < 32). */
static inline uint32_t
log_sha1_rol(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

/* Runs the SHA-1 compression function (FIPS 180-4, section 6.1.2) over the
 * 64-byte 'block', updating the hash state 'h'. */
static void
log_sha1_block(uint32_t h[5], const uint8_t block[64])
{
    uint32_t w[80];
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];

    for (int t = 0; t < 16; t++) {
        w[t] = ((uint32_t) block[t * 4] << 24
                | (uint32_t) block[t * 4 + 1] << 16
                | (uint32_t) block[t * 4 + 2] << 8
                | (uint32_t) block[t * 4 + 3]);
    }
    for (int t = 16; t < 80; t++) {
        w[t] = log_sha1_rol(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    }
    for (int t = 0; t < 80; t++) {
        uint32_t f, k;

        if (t < 20) {
            f = (b & c) | (~b & d);
            k = 0x5a827999;
        } else if (t < 40) {
            f = b ^ c ^ d;
            k = 0x6ed9eba1;
        } else if (t < 60) {
            f = (b & c) | (b & d) | (c & d);
            k = 0x8f1bbcdc;
        } else {
            f = b ^ c ^ d;
            k = 0xca62c1d6;
        }

        uint32_t temp = log_sha1_rol(a, 5) + f + e + k + w[t];
        e = d;
        d = c;
        c = log_sha1_rol(b, 30);
        b = a;
        a = temp;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
}

/* Computes the SHA-1 (FIPS 180-4) of the 'size' bytes at 'data' into
 * 'digest'.  A small implementation of our own rather than OpenSSL's EVP
 * interface: that one sets up OpenSSL's provider machinery on first use,
 * which costs ovsdb-server more than a megabyte of resident memory, and
 * looks the algorithm up again on every call. */
static void
log_sha1(const void *data_, size_t size, uint8_t digest[LOG_SHA1_SIZE])
{
    const uint8_t *data = data_;
    uint32_t h[5] = {
        0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0
    };
    uint64_t n_bits = (uint64_t) size * 8;
    uint8_t tail[128];
    size_t n_tail, rest;

    for (; size >= 64; data += 64, size -= 64) {
        log_sha1_block(h, data);
    }

    /* Padding: a 1 bit, zeros, then the message length in bits as a 64-bit
     * big-endian number, to a multiple of 64 bytes. */
    rest = size;
    memcpy(tail, data, rest);
    tail[rest] = 0x80;
    n_tail = rest + 1 + 8 <= 64 ? 64 : 128;
    memset(&tail[rest + 1], 0, n_tail - rest - 1);
    for (int i = 0; i < 8; i++) {
        tail[n_tail - 1 - i] = n_bits >> (i * 8);
    }
    for (size_t ofs = 0; ofs < n_tail; ofs += 64) {
        log_sha1_block(h, &tail[ofs]);
    }

    for (int i = 0; i < 5; i++) {
        digest[i * 4] = h[i] >> 24;
        digest[i * 4 + 1] = h[i] >> 16;
        digest[i * 4 + 2] = h[i] >> 8;
        digest[i * 4 + 3] = h[i];
    }
}

/* Formats 'digest' as 40 lower-case hex digits into 'hex' (which has room
 * for a null terminator too). */
static void
log_sha1_to_hex(const uint8_t digest[LOG_SHA1_SIZE],
                char hex[LOG_SHA1_HEX_LEN + 1])
{
    static const char digits[] = "0123456789abcdef";

    for (int i = 0; i < LOG_SHA1_SIZE; i++) {
        hex[i * 2] = digits[digest[i] >> 4];
        hex[i * 2 + 1] = digits[digest[i] & 15];
    }
    hex[LOG_SHA1_HEX_LEN] = '\0';
}

static int
log_hexit_value(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    } else if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* Parses the 40 hex digits at 's' into 'digest'.  Returns the position
 * just past them, or NULL if 's' does not start with 40 hex digits. */
static const char *
log_sha1_from_hex(const char *s, uint8_t digest[LOG_SHA1_SIZE])
{
    for (int i = 0; i < LOG_SHA1_SIZE; i++) {
        int hi = log_hexit_value(s[i * 2]);
        int lo = hi < 0 ? -1 : log_hexit_value(s[i * 2 + 1]);

        if (lo < 0) {
            return NULL;
        }
        digest[i] = hi * 16 + lo;
    }
    return s + LOG_SHA1_HEX_LEN;
}

/* Parses 'header', a header line as read (normally with its new-line), as
 * "OVSDB <magic-word> <length> <sha1>\n".  On success, returns true and
 * sets '*magicp' to the magic ("OVSDB <magic-word>", pointing into
 * 'header'), '*lengthp' to the data length and 'sha1' to the expected
 * hash.
 *
 * Parsing ends the magic with a null byte in 'header' as soon as the magic
 * has been found, even if a later part of the line is bad, so a caller
 * that shows 'header' in an error message then shows only the magic, as
 * upstream does. */
static bool
log_parse_header(char *header, const char **magicp,
                 unsigned long long int *lengthp,
                 uint8_t sha1[LOG_SHA1_SIZE])
{
    static const char lead[] = "OVSDB ";
    char *magic_word, *p, *end;
    size_t word_len;

    if (strncmp(header, lead, strlen(lead))) {
        return false;
    }
    magic_word = header + strlen(lead);
    word_len = strcspn(magic_word, " ");
    if (!word_len || magic_word[word_len] != ' ') {
        return false;
    }
    magic_word[word_len] = '\0';
    *magicp = header;

    p = magic_word + word_len + 1;
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    if (!(*p == '+' || (*p >= '0' && *p <= '9'))) {
        return false;
    }
    errno = 0;
    *lengthp = strtoull(p, &end, 10);
    if (errno || end == p || *end != ' ' || !*lengthp
        || *lengthp > INT64_MAX) {
        return false;
    }

    p = CONST_CAST(char *, log_sha1_from_hex(end + 1, sha1));
    return p && !strcmp(p, "\n");
}

/* Returns the length of 'header' without a trailing new-line, for error
 * messages. */
static int
log_header_display_len(const char *header)
{
    return strcspn(header, "\n");
}

/* Returns true if 'magic' is one of the '|'-separated magics in
 * 'magics'. */
static bool
log_magic_matches(const char *magic, const char *magics)
{
    size_t len = strlen(magic);
    const char *p = magics;

    for (;;) {
        size_t n = strcspn(p, "|");

        if (n == len && !memcmp(p, magic, len)) {
            return true;
        }
        if (!p[n]) {
            return false;
        }
        p += n + 1;
    }
}

/* Opening and closing. */

/* Reads the first header of the file behind 'log', which is positioned at
 * its start, to find out its magic, which must be one of 'magics', and
 * sets 'log->magic' to it.  Leaves the file positioned at its start again.
 * If 'explain_raft', a clustered database that 'magics' does not allow
 * gets a specific error message. */
static struct ovsdb_error *
log_identify(struct ovsdb_log *log, const char *magics, bool explain_raft)
{
    char header[LOG_HEADER_MAX];
    unsigned long long int length;
    uint8_t sha1[LOG_SHA1_SIZE];
    const char *magic;

    if (!fgets(header, sizeof header, log->stream)) {
        if (ferror(log->stream)) {
            return ovsdb_io_error(errno, "%s: read error",
                                  log->display_name);
        }
        return ovsdb_error(NULL, "%s: cannot identify file type",
                           log->display_name);
    }
    if (!log_parse_header(header, &magic, &length, sha1)) {
        return ovsdb_error(NULL, "%s: unexpected file format",
                           log->display_name);
    }
    if (!log_magic_matches(magic, magics)) {
        if (explain_raft && !strcmp(magic, RAFT_MAGIC)) {
            return ovsdb_error(NULL, "%s: clustered databases are not "
                               "supported", log->display_name);
        }
        return ovsdb_error(NULL, "%s: cannot identify file type",
                           log->display_name);
    }
    if (fseeko(log->stream, 0, SEEK_SET)) {
        return ovsdb_io_error(errno, "%s: seek failed", log->display_name);
    }
    log->magic = xstrdup(magic);
    return NULL;
}

struct ovsdb_error *
ovsdb_log_open(const char *name, const char *magic,
               enum ovsdb_log_open_mode open_mode, int locking,
               struct ovsdb_log **logp)
{
    struct ovsdb_error *error = NULL;
    struct ovsdb_log *log;
    bool creating;
    int flags;
    int fd;

    *logp = NULL;
    creating = (open_mode == OVSDB_LOG_CREATE
                || open_mode == OVSDB_LOG_CREATE_EXCL);
    ovs_assert(!creating || !strchr(magic, '|'));

    log = xzalloc(sizeof *log);
    log->state = OVSDB_LOG_READ;
    log->display_name = xstrdup(name);
    log->name = follow_symlinks(name);

    if (locking < 0) {
        locking = open_mode != OVSDB_LOG_READ_ONLY;
    }
    if (locking) {
        int retval = log_lock_acquire(log->name, &log->lock);
        if (retval) {
            error = ovsdb_io_error(retval, "%s: failed to lock lockfile",
                                   name);
            goto error;
        }
    }

    switch (open_mode) {
    case OVSDB_LOG_READ_ONLY:
        flags = O_RDONLY;
        break;
    case OVSDB_LOG_READ_WRITE:
        flags = O_RDWR;
        break;
    case OVSDB_LOG_CREATE_EXCL:
        flags = O_RDWR | O_CREAT | O_EXCL;
        break;
    case OVSDB_LOG_CREATE:
        /* Truncated below, once the file is known to be a log. */
        flags = O_RDWR | O_CREAT;
        break;
    default:
        OVS_NOT_REACHED();
    }
    fd = open(log->name, flags | O_CLOEXEC, 0640);
    if (fd < 0) {
        error = ovsdb_io_error(errno, creating ? "%s: create failed"
                               : "%s: open failed", name);
        goto error;
    }
    log->stream = fdopen(fd, open_mode == OVSDB_LOG_READ_ONLY ? "rb" : "r+b");
    if (!log->stream) {
        error = ovsdb_io_error(errno, "%s: fdopen failed", name);
        close(fd);
        goto error;
    }

    if (open_mode == OVSDB_LOG_CREATE) {
        /* Only an empty file or a log with the same magic may be
         * overwritten, so that a mistyped name does not destroy some
         * other file. */
        struct stat s;

        if (fstat(fd, &s)) {
            error = ovsdb_io_error(errno, "%s: stat failed", name);
            goto error;
        }
        if (s.st_size > 0) {
            error = log_identify(log, magic, false);
            if (!error && ftruncate(fd, 0)) {
                error = ovsdb_io_error(errno, "%s: cannot truncate to "
                                       "length 0", name);
            }
            if (error) {
                goto error;
            }
            free(log->magic);
        }
    }

    if (creating) {
        log->magic = xstrdup(magic);

        /* Make the new name durable.  A failure is not fatal: the file
         * exists, it just might vanish in a crash right now. */
        ignore(!fsync_parent_dir(log->name));
    } else {
        error = log_identify(log, magic, true);
        if (error) {
            goto error;
        }
    }

    *logp = log;
    return NULL;

error:
    ovsdb_log_close(log);
    return error;
}

void
ovsdb_log_close(struct ovsdb_log *log)
{
    if (log) {
        if (log->stream) {
            fclose(log->stream);
        }
        log_lock_release(log->lock);
        ovsdb_error_destroy(log->error);
        free(log->display_name);
        free(log->name);
        free(log->magic);
        free(log);
    }
}

const char *
ovsdb_log_get_magic(const struct ovsdb_log *log)
{
    return log->magic;
}

const char *
ovsdb_log_get_name(const struct ovsdb_log *log)
{
    return log->display_name;
}

/* Reading. */

struct ovsdb_error *
ovsdb_log_read(struct ovsdb_log *log, json_t **jsonp)
{
    char header[LOG_HEADER_MAX];
    unsigned long long int length;
    uint8_t expected[LOG_SHA1_SIZE], actual[LOG_SHA1_SIZE];
    char expected_hex[LOG_SHA1_HEX_LEN + 1];
    char actual_hex[LOG_SHA1_HEX_LEN + 1];
    const char *magic;
    off_t data_offset;
    size_t header_len;
    struct stat s;
    char *error_text;
    char *data;
    json_t *json;

    *jsonp = NULL;
    log->can_unread = false;
    switch (log->state) {
    case OVSDB_LOG_READ:
        break;
    case OVSDB_LOG_READ_ERROR:
        return ovsdb_error_clone(log->error);
    case OVSDB_LOG_WRITE:
    case OVSDB_LOG_WRITE_ERROR:
    default:
        return OVSDB_BUG("reading a log after writing it");
    }

    if (!fgets(header, sizeof header, log->stream)) {
        if (ferror(log->stream)) {
            return log_read_error(log, ovsdb_io_error(
                                      errno, "%s: read error",
                                      log->display_name));
        }
        return NULL;            /* End of file. */
    }

    header_len = strlen(header);
    if (!log_parse_header(header, &magic, &length, expected)
        || strcmp(magic, log->magic)) {
        return log_read_error(log, ovsdb_syntax_error(
                                  NULL, NULL, "%s: parse error at offset "
                                  "%lld in header line \"%.*s\"",
                                  log->display_name,
                                  (long long int) log->offset,
                                  log_header_display_len(header), header));
    }

    data_offset = log->offset + header_len;
    if (fstat(fileno(log->stream), &s)) {
        return log_read_error(log, ovsdb_io_error(errno, "%s: stat failed",
                                                  log->display_name));
    }
    if (s.st_size < data_offset
        || length > (unsigned long long int) (s.st_size - data_offset)) {
        /* Do not allocate a buffer for data that is not there (a torn
         * write, or garbage in the length). */
        return log_read_error(log, ovsdb_io_error(
                                  EOF, "%s: error reading %llu bytes starting "
                                  "at offset %lld", log->display_name,
                                  length, (long long int) data_offset));
    }

    data = xmalloc(length);
    if (fread(data, 1, length, log->stream) != length) {
        int error = ferror(log->stream) ? errno : EOF;

        free(data);
        return log_read_error(log, ovsdb_io_error(
                                  error, "%s: error reading %llu bytes "
                                  "starting at offset %lld",
                                  log->display_name, length,
                                  (long long int) data_offset));
    }

    log_sha1(data, length, actual);
    if (memcmp(actual, expected, LOG_SHA1_SIZE)) {
        free(data);
        log_sha1_to_hex(actual, actual_hex);
        log_sha1_to_hex(expected, expected_hex);
        return log_read_error(log, ovsdb_syntax_error(
                                  NULL, NULL, "%s: %llu bytes starting at "
                                  "offset %lld have SHA-1 hash %s but should "
                                  "have hash %s", log->display_name, length,
                                  (long long int) data_offset, actual_hex,
                                  expected_hex));
    }

    error_text = json_parse(data, length, 0, &json);
    free(data);
    if (error_text) {
        struct ovsdb_error *error = ovsdb_syntax_error(
            NULL, NULL, "%s: %llu bytes starting at offset %lld are not "
            "valid JSON (%s)", log->display_name, length,
            (long long int) data_offset, error_text);
        free(error_text);
        return log_read_error(log, error);
    }
    if (!json_is_object(json)) {
        json_decref(json);
        return log_read_error(log, ovsdb_syntax_error(
                                  NULL, NULL, "%s: %llu bytes starting at "
                                  "offset %lld are not a JSON object",
                                  log->display_name, length,
                                  (long long int) data_offset));
    }

    log->prev_offset = log->offset;
    log->offset = data_offset + length;
    log->can_unread = true;
    *jsonp = json;
    return NULL;
}

/* Puts 'log' in the read-error state because of 'error', and returns a
 * copy of 'error' for the caller. */
static struct ovsdb_error *
log_read_error(struct ovsdb_log *log, struct ovsdb_error *error)
{
    log->state = OVSDB_LOG_READ_ERROR;
    ovsdb_error_destroy(log->error);
    log->error = ovsdb_error_clone(error);
    return error;
}

void
ovsdb_log_unread(struct ovsdb_log *log)
{
    ovs_assert(log->state == OVSDB_LOG_READ && log->can_unread);
    log->can_unread = false;
    log->offset = log->prev_offset;
    if (fseeko(log->stream, log->offset, SEEK_SET)) {
        log_read_error(log, ovsdb_io_error(errno, "%s: seek failed",
                                           log->display_name));
        return;
    }
}

/* Writing. */

void
ovsdb_log_compose_record(const json_t *json, const char *magic,
                         struct ds *header, struct ds *data)
{
    uint8_t sha1[LOG_SHA1_SIZE];
    char hex[LOG_SHA1_HEX_LEN + 1];
    size_t start = data->length;

    json_to_ds(json, 0, data);
    ds_put_char(data, '\n');

    log_sha1(data->string + start, data->length - start, sha1);
    log_sha1_to_hex(sha1, hex);
    ds_put_format(header, "%s %zu %s\n", magic, data->length - start, hex);
}

/* Writes the 'size' bytes at 'buf' to 'fd' at 'offset'.  Returns 0 or a
 * positive errno value. */
static int
log_pwrite_fully(int fd, const char *buf, size_t size, off_t offset)
{
    while (size > 0) {
        ssize_t n = pwrite(fd, buf, size, offset);

        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        } else if (n == 0) {
            return ENOSPC;
        }
        buf += n;
        size -= n;
        offset += n;
    }
    return 0;
}

/* Makes 'log', which has been reading, ready to write: drops whatever
 * follows the last good record. */
static struct ovsdb_error *
log_start_writing(struct ovsdb_log *log)
{
    if (ftruncate(fileno(log->stream), log->offset)) {
        return ovsdb_io_error(errno, "%s: cannot truncate to length %lld",
                              log->display_name, (long long int) log->offset);
    }
    log->state = OVSDB_LOG_WRITE;
    ovsdb_error_destroy(log->error);
    log->error = NULL;
    log->can_unread = false;
    return NULL;
}

struct ovsdb_error *
ovsdb_log_truncate_tail(struct ovsdb_log *log)
{
    ovs_assert(log->state == OVSDB_LOG_READ
               || log->state == OVSDB_LOG_READ_ERROR);
    return log_start_writing(log);
}

struct ovsdb_error *
ovsdb_log_write(struct ovsdb_log *log, const json_t *json)
{
    struct ovsdb_error *error;
    struct ds header, data;
    int retval;

    switch (log->state) {
    case OVSDB_LOG_READ:
    case OVSDB_LOG_READ_ERROR:
        error = log_start_writing(log);
        if (error) {
            return error;
        }
        break;
    case OVSDB_LOG_WRITE:
        break;
    case OVSDB_LOG_WRITE_ERROR:
        return ovsdb_error_clone(log->error);
    default:
        OVS_NOT_REACHED();
    }

    if (!json_is_object(json) && !json_is_array(json)) {
        return OVSDB_BUG("bad JSON type");
    }

    ds_init(&header);
    ds_init(&data);
    ovsdb_log_compose_record(json, log->magic, &header, &data);
    ds_put_buffer(&header, data.string, data.length);
    retval = log_pwrite_fully(fileno(log->stream), header.string,
                              header.length, log->offset);
    if (retval) {
        error = ovsdb_io_error(retval, "%s: write failed",
                               log->display_name);

        /* Take back a partial record, so that the log stays readable.  If
         * even that fails, refuse to write any more. */
        if (ftruncate(fileno(log->stream), log->offset)) {
            log->state = OVSDB_LOG_WRITE_ERROR;
            log->error = ovsdb_error_clone(error);
        }
    } else {
        log->prev_offset = log->offset;
        log->offset += header.length;
        error = NULL;
    }
    ds_destroy(&header);
    ds_destroy(&data);
    return error;
}

struct ovsdb_error *
ovsdb_log_write_and_free(struct ovsdb_log *log, json_t *json)
{
    struct ovsdb_error *error = ovsdb_log_write(log, json);
    json_decref(json);
    return error;
}

struct ovsdb_error *
ovsdb_log_commit_block(struct ovsdb_log *log)
{
    if (log->stream && fsync(fileno(log->stream))) {
        return ovsdb_io_error(errno, "%s: fsync failed", log->display_name);
    }
    return NULL;
}

off_t
ovsdb_log_get_offset(const struct ovsdb_log *log)
{
    return log->offset;
}

void
ovsdb_log_mark_base(struct ovsdb_log *log)
{
    log->base = log->offset;
}

bool
ovsdb_log_grew_lots(const struct ovsdb_log *log)
{
    return log->offset >= 10 * 1024 * 1024 && log->offset / 2 > log->base;
}

/* Replacement. */

struct ovsdb_error *
ovsdb_log_replace(struct ovsdb_log *old, json_t **entries, size_t n)
{
    struct ovsdb_error *error;
    struct ovsdb_log *new;

    error = ovsdb_log_replace_start(old, &new);
    if (error) {
        return error;
    }
    for (size_t i = 0; i < n; i++) {
        error = ovsdb_log_write(new, entries[i]);
        if (error) {
            ovsdb_log_replace_abort(new);
            return error;
        }
    }
    return ovsdb_log_replace_commit(old, new);
}

struct ovsdb_error *
ovsdb_log_replace_start(struct ovsdb_log *old, struct ovsdb_log **newp)
{
    char *tmp_name = xasprintf("%s.tmp", old->name);
    struct ovsdb_error *error;

    /* A temporary file left by a crash is garbage.  (Holding the lock on
     * 'old' means that no one else is using it.) */
    if (unlink(tmp_name) && errno != ENOENT) {
        error = ovsdb_io_error(errno, "%s: failed to remove", tmp_name);
    } else {
        error = ovsdb_log_open(tmp_name, old->magic, OVSDB_LOG_CREATE, 1,
                               newp);
    }
    free(tmp_name);
    return error;
}

void
ovsdb_log_replace_abort(struct ovsdb_log *new)
{
    if (new) {
        unlink(new->name);
        ovsdb_log_close(new);
    }
}

struct ovsdb_error *
ovsdb_log_replace_commit(struct ovsdb_log *old, struct ovsdb_log *new)
{
    struct ovsdb_error *error;

    if (new->state == OVSDB_LOG_WRITE_ERROR) {
        error = ovsdb_error_clone(new->error);
        ovsdb_log_replace_abort(new);
        return error;
    }

    error = ovsdb_log_commit_block(new);
    if (error) {
        ovsdb_log_replace_abort(new);
        return error;
    }

    if (rename(new->name, old->name)) {
        error = ovsdb_io_error(errno, "%s: cannot rename to %s",
                               new->name, old->display_name);
        ovsdb_log_replace_abort(new);
        return error;
    }
    /* The rename is done: from here on, 'old' names the new contents
     * whatever else happens. */
    int retval = fsync_parent_dir(old->name);

    /* Make 'old' continue with the new file.  Its lock, on the real name,
     * stays; the temporary file's lock goes away with 'new'. */
    fclose(old->stream);
    old->stream = new->stream;
    new->stream = NULL;
    old->state = OVSDB_LOG_WRITE;
    ovsdb_error_destroy(old->error);
    old->error = NULL;
    old->prev_offset = new->prev_offset;
    old->offset = new->offset;
    old->can_unread = false;
    ovsdb_log_close(new);

    if (retval) {
        return ovsdb_io_error(retval, "%s: failed to sync directory",
                              old->display_name);
    }
    return NULL;
}
