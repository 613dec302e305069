/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "latch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include "poll-loop.h"

void
latch_init(struct latch *latch)
{
    if (pipe2(latch->fds, O_NONBLOCK | O_CLOEXEC)) {
        ovs_abort(errno, "pipe failed");
    }
}

void
latch_destroy(struct latch *latch)
{
    close(latch->fds[0]);
    close(latch->fds[1]);
}

bool
latch_poll(struct latch *latch)
{
    char buffer[64];
    bool set = false;
    ssize_t n;

    /* Callers wait on the latch when it is not set: if the last poll found
     * it not readable, save the read().  A latch_set() since then wakes
     * the next poll_block() at once. */
    if (poll_fd_known_idle(latch->fds[0], POLLIN)) {
        return false;
    }
    while ((n = read(latch->fds[0], buffer, sizeof buffer)) > 0
           || (n < 0 && errno == EINTR)) {
        set = set || n > 0;
    }
    return set;
}

void
latch_set(struct latch *latch)
{
    ssize_t retval;

    do {
        retval = write(latch->fds[1], "", 1);
    } while (retval < 0 && errno == EINTR);
    /* EAGAIN means the pipe is full, so the latch is set anyway. */
}

bool
latch_is_set(const struct latch *latch)
{
    struct pollfd pfd;
    int retval;

    pfd.fd = latch->fds[0];
    pfd.events = POLLIN;
    do {
        retval = poll(&pfd, 1, 0);
    } while (retval < 0 && errno == EINTR);

    return pfd.revents & POLLIN;
}

void
latch_wait_at(const struct latch *latch, const char *where)
{
    poll_fd_wait_at(latch->fds[0], POLLIN, where);
}
