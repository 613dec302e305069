/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef SOCKET_UTIL_H
#define SOCKET_UTIL_H 1

/* Socket helpers: non-blocking mode, DSCP marking, connection completion,
 * parsing and opening "IP:PORT" and "PORT:IP" addresses (IPv4, or IPv6 in
 * brackets such as "[::1]:6640"), Unix domain sockets (including paths
 * longer than sockaddr_un can hold), and reading and writing whole
 * buffers.
 *
 * Functions return 0 or a positive errno value unless documented
 * otherwise. */

#include <netinet/in.h>
#include <netinet/ip.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>
#include "openvswitch/compiler.h"

struct ds;

/* File descriptors. */
int set_nonblocking(int fd);
void xset_nonblocking(int fd);
void setsockopt_tcp_nodelay(int fd);
int set_dscp(int fd, int family, uint8_t dscp);
int get_socket_rcvbuf(int sock);
int check_connection_completion(int fd);
void drain_fd(int fd, size_t n_packets);
int drain_rcvbuf(int fd);
int get_socket_error(int fd);
char *describe_fd(int fd);

int read_fully(int fd, void *, size_t, size_t *bytes_read);
int write_fully(int fd, const void *, size_t, size_t *bytes_written);

void xpipe(int fds[2]);
void xpipe_nonblocking(int fds[2]);
void xsocketpair(int domain, int type, int protocol, int fds[2]);

/* The largest DSCP value (6 bits). */
#define DSCP_MAX 63

/* Default DSCP for control traffic: CS6 ("network control"), as upstream
 * uses for OpenFlow and OVSDB connections. */
#define DSCP_DEFAULT (IPTOS_PREC_INTERNETCONTROL >> 2)

/* Internet addresses.
 *
 * An active address is "HOST[:PORT]"; a passive one is "[PORT][:HOST]".
 * HOST is an IPv4 address, an IPv6 address in square brackets, or (where
 * 'resolve_host' allows) a host name.  A missing PORT means
 * 'default_port', which may be -1 to make the port mandatory.  Errors are
 * logged, and *dns_failure (if nonnull) tells whether a host name failed
 * to resolve. */
bool inet_parse_active(const char *target, int default_port,
                       struct sockaddr_storage *ssp,
                       bool resolve_host, bool *dns_failure);
int inet_open_active(int style, const char *target, int default_port,
                     struct sockaddr_storage *ssp, int *fdp, uint8_t dscp);

bool inet_parse_passive(const char *target, int default_port,
                        struct sockaddr_storage *ssp,
                        bool resolve_host, bool *dns_failure);
int inet_open_passive(int style, const char *target, int default_port,
                      struct sockaddr_storage *ssp, uint8_t dscp,
                      bool kernel_print_port);

char *inet_parse_address(const char *target, struct sockaddr_storage *)
    OVS_WARN_UNUSED_RESULT;
int lookup_ip(const char *host_name, struct in_addr *address);
int lookup_ipv6(const char *host_name, struct in6_addr *address);
int lookup_hostname(const char *host_name, struct in_addr *address);
bool inet_parse_host_port_tokens(char *s, char **hostp, char **portp);
bool inet_parse_port_host_tokens(char *s, char **portp, char **hostp);

/* struct sockaddr_storage helpers. */
uint16_t ss_get_port(const struct sockaddr_storage *);
size_t ss_length(const struct sockaddr_storage *);
void ss_format_address(const struct sockaddr_storage *, struct ds *);
void ss_format_address_nobracks(const struct sockaddr_storage *,
                                struct ds *);
char *ss_format_address_port(const struct sockaddr_storage *);

/* Unix domain sockets. */
int make_unix_socket(int style, bool nonblock,
                     const char *bind_path, const char *connect_path);
int get_unix_name_len(const struct sockaddr_un *, socklen_t sun_len);

/* Error helpers (sockets report errors through errno on Linux). */
int sock_errno(void);
const char *sock_strerror(int error);

#endif /* socket-util.h */
