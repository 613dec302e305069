/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef MEMORY_H
#define MEMORY_H 1

#include <stdbool.h>

/* Memory usage reporting.
 *
 * The daemon's main loop calls memory_run() and memory_wait().  The module
 * logs the peak resident set size once the daemon has run for 10 seconds,
 * and again whenever it grows by half since last logged.  Each time, and
 * whenever someone runs "ovs-appctl memory/show", memory_should_report()
 * becomes true; the daemon then gathers counts of what it holds (e.g.
 * "cells", "monitors", "sessions") into a simap and passes them to
 * memory_report(), which logs them and answers the pending memory/show
 * requests with one line "key:value key:value ..." sorted by key:
 *
 *     memory_run();
 *     if (memory_should_report()) {
 *         struct simap usage = SIMAP_INITIALIZER(&usage);
 *         ...simap_increase(&usage, "cells", n_cells)...
 *         memory_report(&usage);
 *         simap_destroy(&usage);
 *     }
 */

struct simap;

/* Checks whether it is time to log memory usage. */
void memory_run(void);

/* Makes poll_block() wake when memory_run() has something to do. */
void memory_wait(void);

/* Returns true if the daemon should gather and pass its usage to
 * memory_report(). */
bool memory_should_report(void);

/* Logs 'usage' (if a report was due) and replies with it to every pending
 * "memory/show" request.  An empty 'usage' gives an empty reply. */
void memory_report(const struct simap *usage);

#endif /* memory.h */
