/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_EXECUTION_H
#define OVSDB_EXECUTION_H 1

#include <stdbool.h>
#include <jansson.h>

/* The RFC 7047 "transact" method (section 4.1.3 and the operations of
 * section 5.2): "insert", "select", "update", "mutate", "delete", "wait",
 * "commit", "abort", "comment" and "assert".
 *
 * 'params' is the method's params array: the database name, then the
 * operations.  The result is the "result" array: one element per
 * operation, an error object for the operation that failed (later ones
 * are null), and one extra error object if the commit itself failed.  A
 * 'params' that is not an array or does not start with the database's
 * name yields a single error object instead of an array. */

struct ovsdb;
struct ovsdb_session;
struct ovsdb_txn;

/* How "assert" learns whether the client holds a lock.  The server sets
 * this once at startup; it returns true if 'session' (the opaque pointer
 * given to ovsdb_execute()) owns the lock named 'lock_name'.  When unset,
 * or when the session is NULL, every "assert" fails with "not owner". */
typedef bool ovsdb_execute_lock_owner_func(const struct ovsdb_session *,
                                           const char *lock_name);
void ovsdb_execute_set_lock_owner_func(ovsdb_execute_lock_owner_func *);

/* Runs the operations in 'params' against 'db' in a new transaction but
 * does not commit it.
 *
 * 'session' identifies the client for "assert" (may be NULL).  If
 * 'read_only', operations that would change the database fail with "not
 * allowed".  'elapsed_msec' is how long ago the client first sent this
 * request (0 the first time); "wait" operations whose "timeout" has
 * passed fail with "timed out".
 *
 * If every operation succeeded, returns the transaction to commit, with
 * '*resultsp' set to the results and '*durable' to whether a "commit"
 * operation asked for durability.  The caller commits it
 * (ovsdb_txn_commit()) and, if that fails, appends the error's JSON
 * (ovsdb_error_to_json_free()) to '*resultsp'.  Otherwise returns NULL:
 * either '*resultsp' holds the final results (an operation failed and
 * the transaction was aborted), or, if '*resultsp' is NULL, a "wait"
 * operation must wait: the caller should retry when the database changes
 * or after '*timeout_msec' milliseconds (LLONG_MAX if no timeout),
 * whichever comes first.  If 'timeout_msec' is NULL, waiting is not
 * possible and a blocked "wait" yields a "not supported" error instead. */
struct ovsdb_txn *ovsdb_execute_compose(struct ovsdb *db,
                                        const struct ovsdb_session *session,
                                        const json_t *params, bool read_only,
                                        long long int elapsed_msec,
                                        long long int *timeout_msec,
                                        bool *durable, json_t **resultsp);

/* Like ovsdb_execute_compose(), then commits the transaction (with the
 * durability that was asked for) and returns the complete results (NULL if
 * the request must wait, as above). */
json_t *ovsdb_execute(struct ovsdb *db, const struct ovsdb_session *session,
                      const json_t *params, bool read_only,
                      long long int elapsed_msec,
                      long long int *timeout_msec);

#endif /* ovsdb/execution.h */
