/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef SIGNALS_H
#define SIGNALS_H 1

#include <signal.h>
#include <stddef.h>

/* Signal helpers. */

/* Like sigaction(), but aborts on failure. */
void xsigaction(int signum, const struct sigaction *, struct sigaction *old);

/* Stores the description of signal 'signum' ("Terminated",
 * "Segmentation fault", ...), or "signal N" if it has none, in 'namebuf'
 * ('bufsize' bytes, 32 or more is enough for any) and returns it. */
const char *signal_name(int signum, char *namebuf, size_t bufsize);

/* Size of a buffer large enough for any signal_name(). */
#define SIGNAL_NAME_BUFSIZE 64

#endif /* signals.h */
