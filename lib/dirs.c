/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "dirs.h"

#include <stdlib.h>
#include "openvswitch/util.h"
#include "ovs-thread.h"

/* A directory: its environment variable, and its value once computed. */
struct directory {
    const char *value;          /* Computed value, NULL until computed. */
    const char *default_value;  /* Configured default. */
    const char *var_name;       /* Environment variable. */
    struct ovsthread_once once; /* Guards computing 'value'. */
};

/* Returns 'dir''s environment variable if set and not empty, otherwise
 * its default. */
static const char *
get_dir(struct directory *dir)
{
    if (ovsthread_once_start(&dir->once)) {
        const char *value = getenv(dir->var_name);
        dir->value = value && value[0] ? xstrdup(value) : dir->default_value;
        ovsthread_once_done(&dir->once);
    }
    return dir->value;
}

const char *
ovs_sysconfdir(void)
{
    static struct directory d = {
        NULL, SYSCONFDIR, "OVS_SYSCONFDIR", OVSTHREAD_ONCE_INITIALIZER
    };
    return get_dir(&d);
}

const char *
ovs_pkgdatadir(void)
{
    static struct directory d = {
        NULL, PKGDATADIR, "OVS_PKGDATADIR", OVSTHREAD_ONCE_INITIALIZER
    };
    return get_dir(&d);
}

const char *
ovs_rundir(void)
{
    static struct directory d = {
        NULL, RUNDIR, "OVS_RUNDIR", OVSTHREAD_ONCE_INITIALIZER
    };
    return get_dir(&d);
}

const char *
ovs_logdir(void)
{
    static struct directory d = {
        NULL, LOGDIR, "OVS_LOGDIR", OVSTHREAD_ONCE_INITIALIZER
    };
    return get_dir(&d);
}

const char *
ovs_dbdir(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;
    static const char *dbdir;

    if (ovsthread_once_start(&once)) {
        const char *value = getenv("OVS_DBDIR");
        const char *sysconfdir = getenv("OVS_SYSCONFDIR");

        if (value && value[0]) {
            dbdir = xstrdup(value);
        } else if (sysconfdir && sysconfdir[0]) {
            dbdir = xasprintf("%s/openvswitch", sysconfdir);
        } else {
            dbdir = DBDIR;
        }
        ovsthread_once_done(&once);
    }
    return dbdir;
}

const char *
ovs_bindir(void)
{
    static struct directory d = {
        NULL, BINDIR, "OVS_BINDIR", OVSTHREAD_ONCE_INITIALIZER
    };
    return get_dir(&d);
}
