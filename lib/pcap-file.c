/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "pcap-file.h"
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include "dp-packet.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"

VLOG_DEFINE_THIS_MODULE(pcap);

/* The file header. */
struct pcap_hdr {
    uint32_t magic_number;      /* PCAP_MAGIC_*. */
    uint16_t version_major;     /* 2. */
    uint16_t version_minor;     /* 4. */
    int32_t thiszone;           /* GMT to local correction (0). */
    uint32_t sigfigs;           /* Timestamp accuracy (0). */
    uint32_t snaplen;           /* Max length of captured packets. */
    uint32_t network;           /* Link type (enum pcap_link_type). */
};

/* The header of each record. */
struct pcaprec_hdr {
    uint32_t ts_sec;            /* Timestamp seconds. */
    uint32_t ts_usec;           /* Microseconds (or nanoseconds). */
    uint32_t incl_len;          /* Bytes saved in the file. */
    uint32_t orig_len;          /* Length of the packet on the wire. */
};

#define PCAP_MAGIC_USEC 0xa1b2c3d4
#define PCAP_MAGIC_NSEC 0xa1b23c4d

struct pcap_file {
    FILE *file;                 /* The open file. */
    bool swapped;               /* File in the other byte order? */
    bool nsec;                  /* Nanosecond timestamps? */
    bool owned;                 /* Close 'file' on ovs_pcap_close()? */
};

static struct pcap_file *
pcap_file_create(FILE *file, bool owned)
{
    struct pcap_file *p = xzalloc(sizeof *p);

    p->file = file;
    p->owned = owned;
    return p;
}

struct pcap_file *
ovs_pcap_open(const char *file_name, const char *mode)
{
    struct pcap_file *p;
    struct stat st;
    FILE *file;
    int error;

    ovs_assert(!strcmp(mode, "rb") || !strcmp(mode, "wb")
               || !strcmp(mode, "ab"));
    file = fopen(file_name, mode);
    if (!file) {
        VLOG_WARN("%s: failed to open pcap file for %s (%s)", file_name,
                  mode[0] == 'r' ? "reading" : "writing",
                  ovs_strerror(errno));
        return NULL;
    }
    p = pcap_file_create(file, true);
    switch (mode[0]) {
    case 'r':
        error = ovs_pcap_read_header(p);
        if (error) {
            ovs_pcap_close(p);
            errno = error;
            return NULL;
        }
        break;

    case 'w':
        /* The caller writes the header with ovs_pcap_write_header(). */
        break;

    case 'a':
        if (!fstat(fileno(file), &st) && st.st_size > 0) {
            /* Appending to an existing capture: its header stays.  Writes
             * are in native order, so a foreign-order file cannot take
             * them. */
            FILE *r = fopen(file_name, "rb");
            struct pcap_file *rp;

            if (r) {
                rp = pcap_file_create(r, true);
                error = ovs_pcap_read_header(rp);
                bool swapped = rp->swapped;
                ovs_pcap_close(rp);
                if (error || swapped) {
                    ovs_pcap_close(p);
                    errno = error ? error : EPROTO;
                    return NULL;
                }
            }
        } else {
            ovs_pcap_write_header(p, PCAP_ETHERNET);
        }
        break;
    }
    return p;
}

struct pcap_file *
ovs_pcap_stdout(void)
{
    struct pcap_file *p = pcap_file_create(stdout, false);

    ovs_pcap_write_header(p, PCAP_ETHERNET);
    return p;
}

static uint32_t
pcap_u32(const struct pcap_file *p, uint32_t x)
{
    return p->swapped ? __builtin_bswap32(x) : x;
}

/* Reads and checks the file header.  Returns 0 or EPROTO (not a pcap file
 * of a supported link type) or another errno. */
int
ovs_pcap_read_header(struct pcap_file *p)
{
    struct pcap_hdr ph;

    if (fread(&ph, sizeof ph, 1, p->file) != 1) {
        int error = ferror(p->file) ? errno : EOF;

        VLOG_WARN("failed to read pcap header: %s",
                  ovs_retval_to_string(error));
        return error == EOF ? EPROTO : error;
    }
    if (ph.magic_number == PCAP_MAGIC_USEC
        || ph.magic_number == PCAP_MAGIC_NSEC) {
        p->swapped = false;
    } else if (ph.magic_number == __builtin_bswap32(PCAP_MAGIC_USEC)
               || ph.magic_number == __builtin_bswap32(PCAP_MAGIC_NSEC)) {
        p->swapped = true;
    } else {
        VLOG_WARN("bad magic 0x%08"PRIx32" reading pcap file "
                  "(expected 0x%08"PRIx32" or 0x%08"PRIx32")",
                  ph.magic_number, PCAP_MAGIC_USEC, PCAP_MAGIC_NSEC);
        return EPROTO;
    }
    p->nsec = pcap_u32(p, ph.magic_number) == PCAP_MAGIC_NSEC;
    if (pcap_u32(p, ph.network) != PCAP_ETHERNET) {
        VLOG_WARN("pcap file has unsupported link type %"PRIu32,
                  pcap_u32(p, ph.network));
        return EPROTO;
    }
    return 0;
}

void
ovs_pcap_write_header(struct pcap_file *p, enum pcap_link_type linktype)
{
    struct pcap_hdr ph;

    memset(&ph, 0, sizeof ph);
    ph.magic_number = PCAP_MAGIC_USEC;
    ph.version_major = 2;
    ph.version_minor = 4;
    ph.snaplen = 1518;
    ph.network = linktype;
    ignore(fwrite(&ph, sizeof ph, 1, p->file) == 1);
    fflush(p->file);
}

int
ovs_pcap_read(struct pcap_file *p, struct dp_packet **bufp,
              long long int *when)
{
    struct pcaprec_hdr prh;
    struct dp_packet *buf;
    uint32_t len;

    *bufp = NULL;
    if (fread(&prh, sizeof prh, 1, p->file) != 1) {
        if (ferror(p->file)) {
            int error = errno;

            VLOG_WARN("failed to read pcap record header: %s",
                      ovs_retval_to_string(error));
            return error;
        }
        return EOF;
    }
    len = pcap_u32(p, prh.incl_len);
    if (len > 0xffff) {
        VLOG_WARN("bogus packet length %"PRIu32" in pcap file", len);
        return EPROTO;
    }
    if (when) {
        uint32_t frac = pcap_u32(p, prh.ts_usec);

        *when = (pcap_u32(p, prh.ts_sec) * 1000000LL
                 + (p->nsec ? frac / 1000 : frac));
    }
    buf = dp_packet_new(len);
    if (len && fread(dp_packet_put_uninit(buf, len), len, 1, p->file) != 1) {
        int error = ferror(p->file) ? errno : EOF;

        VLOG_WARN("failed to read pcap packet: %s",
                  ovs_retval_to_string(error));
        dp_packet_delete(buf);
        return error == EOF ? EPROTO : error;
    }
    *bufp = buf;
    return 0;
}

void
ovs_pcap_write(struct pcap_file *p, struct dp_packet *buf)
{
    struct pcaprec_hdr prh;
    struct timeval tv;

    gettimeofday(&tv, NULL);
    prh.ts_sec = tv.tv_sec;
    prh.ts_usec = tv.tv_usec;
    prh.incl_len = dp_packet_size(buf);
    prh.orig_len = dp_packet_size(buf);
    ignore(fwrite(&prh, sizeof prh, 1, p->file) == 1);
    if (dp_packet_size(buf)) {
        ignore(fwrite(dp_packet_data(buf), dp_packet_size(buf), 1, p->file)
               == 1);
    }
    fflush(p->file);
}

void
ovs_pcap_close(struct pcap_file *p)
{
    if (p) {
        if (p->owned) {
            fclose(p->file);
        }
        free(p);
    }
}
