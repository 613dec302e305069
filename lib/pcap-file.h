/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef PCAP_FILE_H
#define PCAP_FILE_H 1

/* Classic libpcap capture files (not pcapng): reading (either byte order,
 * microsecond or nanosecond timestamps) and writing (native byte order,
 * microseconds, Ethernet link type). */

#include <stdio.h>

struct dp_packet;

enum pcap_link_type {
    PCAP_ETHERNET = 1,          /* DLT_EN10MB. */
    PCAP_LINUX_SLL = 113,       /* DLT_LINUX_SLL ("any" device). */
};

struct pcap_file;

/* Opens 'file_name' with fopen() mode 'mode': "rb" reads and checks the
 * file header; "wb" truncates (the caller then writes the header with
 * ovs_pcap_write_header(), as upstream's callers do); "ab" appends,
 * writing a header if the file is empty, otherwise checking it.  Returns
 * NULL on error (with errno set, and a message logged). */
struct pcap_file *ovs_pcap_open(const char *file_name, const char *mode);

/* Returns a pcap_file that writes to stdout (header already written). */
struct pcap_file *ovs_pcap_stdout(void);

int ovs_pcap_read_header(struct pcap_file *);
void ovs_pcap_write_header(struct pcap_file *, enum pcap_link_type);

/* Reads the next packet into a new dp_packet stored in '*bufp' (and its
 * timestamp in microseconds since the epoch in '*when' if nonnull).
 * Returns 0, EOF at the end of the file, or a positive errno. */
int ovs_pcap_read(struct pcap_file *, struct dp_packet **bufp,
                  long long int *when);

/* Appends 'packet' to the file (with the current time) and flushes. */
void ovs_pcap_write(struct pcap_file *, struct dp_packet *packet);

/* Closes and frees.  Accepts NULL. */
void ovs_pcap_close(struct pcap_file *);

#endif /* pcap-file.h */
