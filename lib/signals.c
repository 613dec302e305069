/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "signals.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "openvswitch/util.h"

void
xsigaction(int signum, const struct sigaction *new, struct sigaction *old)
{
    if (sigaction(signum, new, old)) {
        ovs_abort(errno, "sigaction(%d) failed", signum);
    }
}

const char *
signal_name(int signum, char *namebuf, size_t bufsize)
{
    const char *description = NULL;

    if (signum > 0 && signum < NSIG) {
        description = sigdescr_np(signum);
    }
    if (description) {
        snprintf(namebuf, bufsize, "%s", description);
    } else {
        snprintf(namebuf, bufsize, "signal %d", signum);
    }
    return namebuf;
}
