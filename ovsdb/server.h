/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_SERVER_H
#define OVSDB_SERVER_H 1

#include <stdbool.h>
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/shash.h"

/* The protocol-independent part of a database server: the databases it
 * serves and the RFC 7047 locks (section 4.1.8 to 4.1.10) that its clients
 * hold or wait for.
 *
 * A client connection is a "session".  A session asks for a lock by name,
 * either politely ("lock": it joins the lock's queue and owns the lock once
 * everybody ahead of it has let go) or by force ("steal": it takes the lock
 * at once, ahead of the previous owner, which stays queued behind it).  The
 * first waiter in a lock's queue owns the lock.  A session holds at most
 * one waiter per lock name.
 *
 * This module only keeps the books.  Telling clients about changes of
 * ownership ("locked" and "stolen" notifications) is the caller's job:
 * ovsdb_server_lock() and ovsdb_lock_waiter_remove() return the session
 * that the caller must notify. */

struct ovsdb;
struct ovsdb_server;

/* A client of the server. */
struct ovsdb_session {
    struct ovsdb_server *server; /* The server the client talks to. */
    struct ovs_list completions; /* "struct ovsdb_trigger"s that completed
                                  * and await their replies (see
                                  * trigger.h). */
    struct hmap waiters;        /* This session's "struct
                                 * ovsdb_lock_waiter"s, by hash of their
                                 * lock names. */
};

void ovsdb_session_init(struct ovsdb_session *, struct ovsdb_server *);
void ovsdb_session_destroy(struct ovsdb_session *);

/* Returns 'session''s waiter for the lock named 'lock_name', or NULL if
 * the session has neither asked for nor stolen that lock. */
struct ovsdb_lock_waiter *ovsdb_session_get_lock_waiter(
    const struct ovsdb_session *, const char *lock_name);

/* True if 'session' currently owns the lock named 'lock_name'. */
bool ovsdb_session_owns_lock(const struct ovsdb_session *,
                             const char *lock_name);

/* A named lock with at least one waiter.  Locks come into existence when
 * first asked for and disappear when their last waiter goes away. */
struct ovsdb_lock {
    struct hmap_node hmap_node; /* In the server's 'locks', by name hash. */
    struct ovsdb_server *server; /* The server that has the lock. */
    char *name;                 /* The lock's name (owned). */
    struct ovs_list waiters;    /* "struct ovsdb_lock_waiter"s in queue
                                 * order; the first one owns the lock. */
};

/* Returns the session that owns 'lock'. */
struct ovsdb_session *ovsdb_lock_get_owner(const struct ovsdb_lock *);

/* How a session asked for a lock. */
enum ovsdb_lock_mode {
    OVSDB_LOCK_WAIT,            /* "lock": join the end of the queue. */
    OVSDB_LOCK_STEAL            /* "steal": go to the front at once. */
};

/* One session's claim on one lock. */
struct ovsdb_lock_waiter {
    struct hmap_node session_node; /* In the session's 'waiters'. */
    enum ovsdb_lock_mode mode;  /* How the lock was asked for. */
    char *lock_name;            /* The lock's name (owned). */
    struct ovsdb_lock *lock;    /* The lock. */
    struct ovs_list lock_node;  /* In the lock's 'waiters'. */
    struct ovsdb_session *session; /* The session that waits. */
};

/* True if 'waiter' is first in its lock's queue. */
bool ovsdb_lock_waiter_is_owner(const struct ovsdb_lock_waiter *);

/* Takes 'waiter' out of its lock's queue and out of its session, and frees
 * it (destroying the lock too if nobody else waits for it).  If this
 * handed the lock over to another session, returns that session (which
 * the caller should notify with "locked"); otherwise returns NULL. */
struct ovsdb_session *ovsdb_lock_waiter_remove(struct ovsdb_lock_waiter *);

/* A database server: databases by name, and locks. */
struct ovsdb_server {
    struct shash dbs;           /* Maps a database name to its struct ovsdb
                                 * (not owned). */
    struct hmap locks;          /* "struct ovsdb_lock"s, by name hash. */
};

void ovsdb_server_init(struct ovsdb_server *);
void ovsdb_server_destroy(struct ovsdb_server *);

/* Adds 'db' to 'server' under its name; returns false (and does nothing)
 * if 'server' already has a database of that name. */
bool ovsdb_server_add_db(struct ovsdb_server *, struct ovsdb *db);

/* Removes 'db', which must have been added, from 'server'. */
void ovsdb_server_remove_db(struct ovsdb_server *, struct ovsdb *db);

/* Returns the database named 'name' in 'server', or NULL. */
struct ovsdb *ovsdb_server_get_db(const struct ovsdb_server *,
                                  const char *name);

/* Makes 'session' a waiter for the lock named 'lock_name' in 'mode'.
 * 'session' must not already have a waiter for that lock.  Returns the new
 * waiter.
 *
 * In OVSDB_LOCK_STEAL mode, the new waiter owns the lock at once; if
 * another session owned it, '*victimp' is set to that session (which the
 * caller should notify with "stolen"); it stays in the queue, second.
 * Otherwise '*victimp' is set to NULL. */
struct ovsdb_lock_waiter *ovsdb_server_lock(struct ovsdb_server *,
                                            struct ovsdb_session *,
                                            const char *lock_name,
                                            enum ovsdb_lock_mode,
                                            struct ovsdb_session **victimp);

#endif /* ovsdb/server.h */
