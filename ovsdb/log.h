/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_LOG_H
#define OVSDB_LOG_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <jansson.h>
#include "openvswitch/compiler.h"

/* The OVSDB on-disk log: an append-only sequence of JSON records.
 *
 * The format is upstream Open vSwitch's, so that either implementation's
 * tools read the other's files.  Each record is a header line followed by
 * data:
 *
 *     <magic> <length> <sha1>\n
 *     <length bytes of data>
 *
 * where <magic> is "OVSDB JSON" for a standalone database (or "OVSDB
 * CLUSTER" for a clustered one, which Weft recognizes but does not
 * support), <length> is the data size in bytes in decimal, and <sha1> is
 * the SHA-1 of the data in 40 hex digits.  The data is one JSON text in
 * compact form, as json_to_string() writes it, followed by a new-line,
 * which length and hash include.  Reading parses it with json_parse(), so
 * its number semantics and error messages are upstream's too.
 *
 * A log is opened in one of four modes (see enum ovsdb_log_open_mode).  It
 * is read record by record from the start with ovsdb_log_read() until it
 * returns no record (end of file) or an error; afterwards records may be
 * appended with ovsdb_log_write().  If reading stopped at a bad record (a
 * torn write, a bad hash, bad JSON), the first write first truncates the
 * file to the end of the last good record, so a crash in the middle of a
 * write never makes a database unreadable.
 *
 * Writers take a lock on ".<name>.~lock~" in the database's directory (an
 * fcntl() lock, like upstream's), so that two programs never write the
 * same log at once.
 *
 * All functions that return a "struct ovsdb_error *" return NULL on
 * success and an error owned by the caller on failure.  Error messages
 * name the file as the caller named it. */

struct ovsdb_log;

/* The "magic" string at the start of each record of a standalone
 * database. */
#define OVSDB_MAGIC "OVSDB JSON"

/* The magic of a clustered database. */
#define RAFT_MAGIC "OVSDB CLUSTER"

/* How to open a log. */
enum ovsdb_log_open_mode {
    OVSDB_LOG_READ_ONLY,        /* Open existing file, read-only. */
    OVSDB_LOG_READ_WRITE,       /* Open existing file, read/write. */
    OVSDB_LOG_CREATE_EXCL,      /* Create new file, fail if it exists. */
    OVSDB_LOG_CREATE            /* Create or truncate file, read/write.
                                 * An existing file must be empty or a log
                                 * with the same magic. */
};

/* Opens 'name' in 'open_mode' and stores the new log in '*logp' (NULL on
 * failure).
 *
 * 'magic' lists the acceptable magic strings, separated by "|", e.g.
 * OVSDB_MAGIC or OVSDB_MAGIC"|"RAFT_MAGIC.  Reading an existing file
 * checks its first header against them; a file whose magic is none of
 * them fails with "cannot identify file type".  When creating a file,
 * 'magic' must name exactly one magic, the one records are written with.
 *
 * 'locking' is 1 to lock the file, 0 not to, -1 for the default (lock
 * unless 'open_mode' is OVSDB_LOG_READ_ONLY).
 *
 * Files are created with mode 0640, less the umask. */
struct ovsdb_error *ovsdb_log_open(const char *name, const char *magic,
                                   enum ovsdb_log_open_mode open_mode,
                                   int locking, struct ovsdb_log **logp)
    OVS_WARN_UNUSED_RESULT;

/* Closes 'log' and releases its lock, if any.  NULL is allowed. */
void ovsdb_log_close(struct ovsdb_log *log);

/* Returns the magic string of 'log''s records, e.g. OVSDB_MAGIC. */
const char *ovsdb_log_get_magic(const struct ovsdb_log *log);

/* Returns the name 'log' was opened with. */
const char *ovsdb_log_get_name(const struct ovsdb_log *log);

/* Reads the next record from 'log' into '*jsonp' (a new reference that
 * the caller must json_decref()).  At the end of the log, returns NULL
 * and sets '*jsonp' to NULL.  On error, sets '*jsonp' to NULL and returns
 * the error; every later read returns the same error again.  Reading
 * after a write is not allowed. */
struct ovsdb_error *ovsdb_log_read(struct ovsdb_log *log, json_t **jsonp)
    OVS_WARN_UNUSED_RESULT;

/* Makes the next ovsdb_log_read() return the record that the last
 * successful ovsdb_log_read() returned, again.  Only valid right after a
 * successful read that returned a record. */
void ovsdb_log_unread(struct ovsdb_log *log);

/* Formats 'json' as one record with 'magic': appends the header line to
 * 'header' and the data (JSON text plus new-line) to 'data'. */
struct ds;
void ovsdb_log_compose_record(const json_t *json, const char *magic,
                              struct ds *header, struct ds *data);

/* Appends 'json' (an object or an array) to 'log' as a new record.  The
 * record reaches the operating system before this returns but is not
 * necessarily on disk: call ovsdb_log_commit_block() for that.
 *
 * If a write fails, the log tries to truncate away what it wrote and
 * enters an error state in which every later write fails. */
struct ovsdb_error *ovsdb_log_write(struct ovsdb_log *log,
                                    const json_t *json)
    OVS_WARN_UNUSED_RESULT;

/* Like ovsdb_log_write(), then drops the caller's reference to 'json'. */
struct ovsdb_error *ovsdb_log_write_and_free(struct ovsdb_log *log,
                                             json_t *json)
    OVS_WARN_UNUSED_RESULT;

/* Forces everything written to 'log' so far to disk (fsync()). */
struct ovsdb_error *ovsdb_log_commit_block(struct ovsdb_log *log)
    OVS_WARN_UNUSED_RESULT;

/* Returns the offset just past the last good record read or written. */
off_t ovsdb_log_get_offset(const struct ovsdb_log *log);

/* Records 'log''s current size as its "base" size, the size of the log
 * right after it was last compacted (or read). */
void ovsdb_log_mark_base(struct ovsdb_log *log);

/* Returns true if 'log' has grown enough since ovsdb_log_mark_base() to
 * deserve compaction: it is at least 10 MB and more than twice its base
 * size. */
bool ovsdb_log_grew_lots(const struct ovsdb_log *log);

/* Atomic replacement of a log's contents (compaction).
 *
 * ovsdb_log_replace_start() creates a temporary log next to 'old' (its
 * name plus ".tmp"), with 'old''s magic, and stores it in '*newp'.  The
 * caller writes the new contents into it, then either commits with
 * ovsdb_log_replace_commit(), which makes sure the new contents are on
 * disk, renames the temporary file over 'old''s file, syncs the directory,
 * and makes 'old' continue from the end of the new contents (destroying
 * 'new' in every case), or gives up with ovsdb_log_replace_abort(), which
 * deletes the temporary file and destroys 'new'.  'old' stays usable if
 * either fails.
 *
 * ovsdb_log_replace() does all three steps with the 'n' records in
 * 'entries' (which the caller still owns). */
struct ovsdb_error *ovsdb_log_replace(struct ovsdb_log *old,
                                      json_t **entries, size_t n)
    OVS_WARN_UNUSED_RESULT;
struct ovsdb_error *ovsdb_log_replace_start(struct ovsdb_log *old,
                                            struct ovsdb_log **newp)
    OVS_WARN_UNUSED_RESULT;
struct ovsdb_error *ovsdb_log_replace_commit(struct ovsdb_log *old,
                                             struct ovsdb_log *new)
    OVS_WARN_UNUSED_RESULT;
void ovsdb_log_replace_abort(struct ovsdb_log *new);

/* Truncates 'log', which must have stopped reading at a bad record, to
 * the end of its last good record and readies it for writing.  This is
 * what the first ovsdb_log_write() does implicitly; calling it right after
 * the read error makes the repair happen at open time. */
struct ovsdb_error *ovsdb_log_truncate_tail(struct ovsdb_log *log)
    OVS_WARN_UNUSED_RESULT;

/* Locks database file 'file_name' as ovsdb_log_open() does (on
 * ".<name>.~lock~" in its directory, after resolving symbolic links), for
 * a program that must hold the lock across several opens, e.g. while it
 * rewrites the file.  Returns 0 and stores the lock in '*lockp', or a
 * positive errno value: EAGAIN if another process holds the lock, EDEADLK
 * if this one does.  A log opened while the lock is held must be opened
 * with 'locking' 0. */
struct ovsdb_log_lock;
int ovsdb_log_lock_file(const char *file_name, struct ovsdb_log_lock **lockp)
    OVS_WARN_UNUSED_RESULT;

/* Releases 'lock'.  NULL is allowed. */
void ovsdb_log_unlock_file(struct ovsdb_log_lock *lock);

#endif /* ovsdb/log.h */
