/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef STREAM_FD_H
#define STREAM_FD_H 1

/* Streams and passive streams over a plain socket file descriptor, shared
 * by the "tcp"/"ptcp" and "unix"/"punix" classes. */

#include <stddef.h>
#include <sys/socket.h>

struct pstream;
struct stream;

int new_fd_stream(char *name, int fd, int connect_status, int fd_type,
                  struct stream **streamp);
int new_fd_pstream(char *name, int fd,
                   int (*accept_cb)(int fd, const struct sockaddr_storage *,
                                    size_t ss_len, struct stream **),
                   char *unlink_path, struct pstream **pstreamp);

#endif /* stream-fd.h */
