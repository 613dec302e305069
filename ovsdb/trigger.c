/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>

#include "trigger.h"

#include <limits.h>
#include "execution.h"
#include "json.h"
#include "openvswitch/util.h"
#include "ovsdb.h"
#include "poll-loop.h"
#include "server.h"

/* Moves 'trigger' from its database's queue to its session's
 * completions. */
static void
trigger_complete(struct ovsdb_trigger *trigger)
{
    ovs_list_remove(&trigger->node);
    ovs_list_push_back(&trigger->session->completions, &trigger->node);
}

/* Tries to run 'trigger''s transaction at time 'now'.  Returns true if
 * the trigger completed. */
static bool
trigger_try(struct ovsdb_trigger *trigger, long long int now)
{
    long long int timeout_msec = LLONG_MAX;
    json_t *result;

    result = ovsdb_execute(trigger->db, trigger->session, trigger->params,
                           trigger->read_only, now - trigger->created,
                           &timeout_msec);
    if (result) {
        trigger->result = result;
        trigger_complete(trigger);
        return true;
    }

    trigger->deadline = (timeout_msec == LLONG_MAX ? LLONG_MAX
                         : now + MAX(timeout_msec, 0));
    return false;
}

void
ovsdb_trigger_init(struct ovsdb_session *session, struct ovsdb *db,
                   struct ovsdb_trigger *trigger, const json_t *params,
                   long long int now, bool read_only)
{
    trigger->session = session;
    trigger->db = db;
    ovs_list_push_back(&db->triggers, &trigger->node);
    trigger->params = json_clone(params);
    trigger->result = NULL;
    trigger->error = NULL;
    trigger->created = now;
    trigger->deadline = LLONG_MAX;
    trigger->read_only = read_only;
    trigger_try(trigger, now);
}

void
ovsdb_trigger_destroy(struct ovsdb_trigger *trigger)
{
    ovs_list_remove(&trigger->node);
    json_decref(trigger->params);
    json_decref(trigger->result);
}

bool
ovsdb_trigger_is_complete(const struct ovsdb_trigger *trigger)
{
    return trigger->result || trigger->error;
}

void
ovsdb_trigger_cancel(struct ovsdb_trigger *trigger, const char *error)
{
    if (!ovsdb_trigger_is_complete(trigger)) {
        trigger->error = error;
        trigger_complete(trigger);
    }
}

void
ovsdb_trigger_run(struct ovsdb *db, long long int now)
{
    struct ovsdb_trigger *t;
    bool run = db->run_triggers;

    db->run_triggers = false;
    LIST_FOR_EACH_SAFE (t, node, &db->triggers) {
        if (run || now >= t->deadline) {
            trigger_try(t, now);
        }
    }
}

void
ovsdb_trigger_wait(struct ovsdb *db, long long int now OVS_UNUSED)
{
    struct ovsdb_trigger *t;
    long long int deadline = LLONG_MAX;

    if (ovs_list_is_empty(&db->triggers)) {
        return;
    }
    if (db->run_triggers) {
        poll_immediate_wake();
        return;
    }
    LIST_FOR_EACH (t, node, &db->triggers) {
        deadline = MIN(deadline, t->deadline);
    }
    if (deadline != LLONG_MAX) {
        poll_timer_wait_until(deadline);
    }
}
