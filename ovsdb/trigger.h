/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_TRIGGER_H
#define OVSDB_TRIGGER_H 1

#include <stdbool.h>
#include <jansson.h>
#include "openvswitch/list.h"

/* Pending "transact" requests.
 *
 * RFC 7047's "wait" operation (section 5.2.6) makes a transaction wait
 * until some rows look a certain way, or until a timeout.  A trigger is
 * one "transact" request: it is tried at once, and if a "wait" holds it
 * back it stays queued on its database and is tried again after every
 * commit to that database and when its timeout expires.  Once it has its
 * results (success, failure, timeout or cancellation), it moves to its
 * session's 'completions' list, where the session's owner picks it up to
 * send the reply. */

struct ovsdb;
struct ovsdb_session;

/* One "transact" request. */
struct ovsdb_trigger {
    struct ovsdb_session *session; /* The client that asked. */
    struct ovsdb *db;           /* The database it applies to. */
    struct ovs_list node;       /* In 'db->triggers' while pending, in
                                 * 'session->completions' once complete. */
    json_t *params;             /* The request's "params" (a reference). */
    json_t *result;             /* Once complete, the "result" to reply
                                 * with (or NULL with 'error' set). */
    const char *error;          /* Once complete, an "error" string to
                                 * reply with instead of a result (e.g.
                                 * "canceled"), or NULL. */
    long long int created;      /* When the request arrived (time_msec()). */
    long long int deadline;     /* When to try again even without a commit
                                 * (LLONG_MAX for never). */
    bool read_only;             /* Must not change the database? */
};

/* Initializes 'trigger' for "transact" request parameters 'params' (the
 * trigger takes a reference of its own) from 'session' on 'db', received
 * at time 'now', and tries it at once.  If 'read_only', operations that
 * would change the database fail. */
void ovsdb_trigger_init(struct ovsdb_session *session, struct ovsdb *db,
                        struct ovsdb_trigger *trigger, const json_t *params,
                        long long int now, bool read_only);

/* Frees what 'trigger' owns and takes it off whichever list it is on.
 * Does not free 'trigger' itself. */
void ovsdb_trigger_destroy(struct ovsdb_trigger *trigger);

/* True if 'trigger' has its results. */
bool ovsdb_trigger_is_complete(const struct ovsdb_trigger *trigger);

/* Completes 'trigger', if it is not complete yet, with the error 'error'
 * (a string constant such as "canceled"). */
void ovsdb_trigger_cancel(struct ovsdb_trigger *trigger, const char *error);

/* Retries the pending triggers of 'db' if a commit happened since the last
 * try or if their timeouts expired, as of time 'now'. */
void ovsdb_trigger_run(struct ovsdb *db, long long int now);

/* Arranges for poll_block() to wake up when ovsdb_trigger_run() has work
 * to do for 'db'. */
void ovsdb_trigger_wait(struct ovsdb *db, long long int now);

#endif /* ovsdb/trigger.h */
