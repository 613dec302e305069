/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>

#include "server.h"

#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "ovsdb.h"
#include "openvswitch/util.h"

static uint32_t
lock_name_hash(const char *name)
{
    return hash_string(name, 0);
}

void
ovsdb_session_init(struct ovsdb_session *session, struct ovsdb_server *server)
{
    session->server = server;
    ovs_list_init(&session->completions);
    hmap_init(&session->waiters);
}

/* Frees what 'session' owns.  The caller must have removed all of its lock
 * waiters first (with ovsdb_lock_waiter_remove()), so that it could notify
 * whoever inherits the locks, and destroyed its triggers. */
void
ovsdb_session_destroy(struct ovsdb_session *session)
{
    ovs_assert(hmap_is_empty(&session->waiters));
    ovs_assert(ovs_list_is_empty(&session->completions));
    hmap_destroy(&session->waiters);
}

struct ovsdb_lock_waiter *
ovsdb_session_get_lock_waiter(const struct ovsdb_session *session,
                              const char *lock_name)
{
    struct ovsdb_lock_waiter *waiter;

    HMAP_FOR_EACH_WITH_HASH (waiter, session_node, lock_name_hash(lock_name),
                             &session->waiters) {
        if (!strcmp(lock_name, waiter->lock_name)) {
            return waiter;
        }
    }
    return NULL;
}

bool
ovsdb_session_owns_lock(const struct ovsdb_session *session,
                        const char *lock_name)
{
    const struct ovsdb_lock_waiter *waiter;

    waiter = session ? ovsdb_session_get_lock_waiter(session, lock_name)
                     : NULL;
    return waiter && ovsdb_lock_waiter_is_owner(waiter);
}

struct ovsdb_session *
ovsdb_lock_get_owner(const struct ovsdb_lock *lock)
{
    const struct ovsdb_lock_waiter *owner;

    owner = CONTAINER_OF(ovs_list_front(&lock->waiters),
                         struct ovsdb_lock_waiter, lock_node);
    return owner->session;
}

bool
ovsdb_lock_waiter_is_owner(const struct ovsdb_lock_waiter *waiter)
{
    return waiter->lock
           && ovs_list_front(&waiter->lock->waiters) == &waiter->lock_node;
}

struct ovsdb_session *
ovsdb_lock_waiter_remove(struct ovsdb_lock_waiter *waiter)
{
    struct ovsdb_session *heir = NULL;
    struct ovsdb_lock *lock = waiter->lock;
    bool was_owner = ovsdb_lock_waiter_is_owner(waiter);

    ovs_list_remove(&waiter->lock_node);
    hmap_remove(&waiter->session->waiters, &waiter->session_node);

    if (ovs_list_is_empty(&lock->waiters)) {
        hmap_remove(&lock->server->locks, &lock->hmap_node);
        free(lock->name);
        free(lock);
    } else if (was_owner) {
        heir = ovsdb_lock_get_owner(lock);
    }

    free(waiter->lock_name);
    free(waiter);
    return heir;
}

void
ovsdb_server_init(struct ovsdb_server *server)
{
    shash_init(&server->dbs);
    hmap_init(&server->locks);
}

/* Frees what 'server' owns.  The databases are not destroyed (the caller
 * owns them), and no session may still hold a lock. */
void
ovsdb_server_destroy(struct ovsdb_server *server)
{
    ovs_assert(hmap_is_empty(&server->locks));
    shash_destroy(&server->dbs);
    hmap_destroy(&server->locks);
}

bool
ovsdb_server_add_db(struct ovsdb_server *server, struct ovsdb *db)
{
    return shash_add_once(&server->dbs, db->name, db);
}

void
ovsdb_server_remove_db(struct ovsdb_server *server, struct ovsdb *db)
{
    struct shash_node *node = shash_find(&server->dbs, db->name);

    ovs_assert(node && node->data == db);
    shash_delete(&server->dbs, node);
}

struct ovsdb *
ovsdb_server_get_db(const struct ovsdb_server *server, const char *name)
{
    return shash_find_data(&server->dbs, name);
}

/* Returns the lock named 'name' in 'server', creating it (with no waiters,
 * which the caller must fix) if it does not exist. */
static struct ovsdb_lock *
ovsdb_server_get_lock(struct ovsdb_server *server, const char *name)
{
    uint32_t hash = lock_name_hash(name);
    struct ovsdb_lock *lock;

    HMAP_FOR_EACH_WITH_HASH (lock, hmap_node, hash, &server->locks) {
        if (!strcmp(lock->name, name)) {
            return lock;
        }
    }

    lock = xmalloc(sizeof *lock);
    lock->server = server;
    lock->name = xstrdup(name);
    ovs_list_init(&lock->waiters);
    hmap_insert(&server->locks, &lock->hmap_node, hash);
    return lock;
}

struct ovsdb_lock_waiter *
ovsdb_server_lock(struct ovsdb_server *server, struct ovsdb_session *session,
                  const char *lock_name, enum ovsdb_lock_mode mode,
                  struct ovsdb_session **victimp)
{
    struct ovsdb_lock *lock = ovsdb_server_get_lock(server, lock_name);
    struct ovsdb_lock_waiter *waiter;

    ovs_assert(!ovsdb_session_get_lock_waiter(session, lock_name));

    *victimp = NULL;
    if (mode == OVSDB_LOCK_STEAL && !ovs_list_is_empty(&lock->waiters)) {
        *victimp = ovsdb_lock_get_owner(lock);
    }

    waiter = xmalloc(sizeof *waiter);
    waiter->mode = mode;
    waiter->lock_name = xstrdup(lock_name);
    waiter->lock = lock;
    waiter->session = session;
    if (mode == OVSDB_LOCK_STEAL) {
        ovs_list_push_front(&lock->waiters, &waiter->lock_node);
    } else {
        ovs_list_push_back(&lock->waiters, &waiter->lock_node);
    }
    hmap_insert(&session->waiters, &waiter->session_node,
                lock_name_hash(lock_name));
    return waiter;
}
