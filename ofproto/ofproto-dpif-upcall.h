/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFPROTO_DPIF_UPCALL_H
#define OFPROTO_DPIF_UPCALL_H 1

/* Upcall handling and revalidation for one datapath ("udpif").
 *
 * A udpif serves one struct dpif_backer (one datapath shared by every
 * bridge of a datapath type):
 *
 *   - Misses.  Datapaths that read packets in their own threads
 *     (dpif-netdev) call back into the udpif (dpif_register_upcall_cb());
 *     others (the kernel) queue upcalls that 'n_handlers' handler threads
 *     read with dpif_recv(), translate and answer with one dpif_operate()
 *     batch (flow puts plus packet executes).
 *
 *   - Revalidation.  'n_revalidators' threads dump the datapath's flows
 *     about twice a second, delete those idle longer than max-idle,
 *     re-translate after a configuration change (udpif_revalidate()) and
 *     delete or fix the flows whose actions or mask changed, refresh MAC
 *     learning for flows that saw traffic, and adapt the flow limit to the
 *     time a dump takes.
 *
 * Every function here is for the main thread. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dpif;
struct dpif_backer;
struct seq;
struct simap;
struct udpif;

/* Registers the upcall/ and revalidator/ unixctl commands.  Idempotent. */
void udpif_init(void);

/* Creates a udpif for 'backer' on datapath 'dpif' (the caller keeps both
 * and must destroy the udpif before them).  No threads run until
 * udpif_set_threads(). */
struct udpif *udpif_create(struct dpif_backer *backer, struct dpif *dpif);

/* Stops the threads (if running) and starts 'n_handlers' handler and
 * 'n_revalidators' revalidator threads (at least one each; 0 means pick a
 * default from the number of cores).  Also registers the upcall callback
 * and enables upcalls on the datapath. */
void udpif_set_threads(struct udpif *udpif, uint32_t n_handlers,
                       uint32_t n_revalidators);

/* Starts the threads with the current counts / stops them all (they can
 * be restarted). */
void udpif_start(struct udpif *udpif);
void udpif_stop(struct udpif *udpif);

/* Stops the threads and frees 'udpif' (NULL is allowed). */
void udpif_destroy(struct udpif *udpif);

/* Periodic work in the main thread (answers revalidator/wait).  And its
 * wait function. */
void udpif_run(struct udpif *udpif);
void udpif_wait(struct udpif *udpif);

/* Forces every datapath flow to be re-translated on the revalidators' next
 * dump (call after any change of the translation configuration). */
void udpif_revalidate(struct udpif *udpif);

/* Deletes every flow from the datapath (and forgets them). */
void udpif_flush(struct udpif *udpif);

/* Waits until the revalidators have finished one complete dump that
 * started after this call. */
void udpif_synchronize(struct udpif *udpif);

/* Returns a sequence that changes after each revalidator dump. */
struct seq *udpif_dump_seq(struct udpif *udpif);

/* Adds "handlers", "revalidators", "udpif keys" to 'usage'. */
void udpif_get_memory_usage(struct udpif *udpif, struct simap *usage);

/* Global knobs, shared by every udpif: the maximum number of datapath flows
 * (other_config:flow-limit, default 200000) and the idle time in ms after
 * which a datapath flow is removed (other_config:max-idle, default
 * 10000). */
void udpif_set_flow_limit(unsigned int flow_limit);
void udpif_set_max_idle(unsigned int max_idle);

#endif /* ofproto-dpif-upcall.h */
