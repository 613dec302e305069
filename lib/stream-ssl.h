/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef STREAM_SSL_H
#define STREAM_SSL_H 1

/* Configuration of "ssl:" and "pssl:" streams (TLS 1.2 and later, through
 * OpenSSL).  Both ends authenticate: each presents a certificate signed by
 * a CA that the other trusts.
 *
 * The settings are process-wide.  Each setter may be called repeatedly
 * (for example from every iteration of a main loop that reads them from a
 * database): a file is read again only when its name or its modification
 * time changes. */

#include <stdbool.h>

bool stream_ssl_is_configured(void);
void stream_ssl_set_private_key_file(const char *file_name);
void stream_ssl_set_certificate_file(const char *file_name);
void stream_ssl_set_key_and_cert(const char *private_key_file,
                                 const char *certificate_file);
void stream_ssl_set_ca_cert_file(const char *file_name, bool bootstrap);
void stream_ssl_set_peer_ca_cert_file(const char *file_name);
void stream_ssl_set_protocols(const char *arg);
void stream_ssl_set_ciphers(const char *arg);

/* Command-line options, for a program's getopt_long() table:
 *
 *     enum {
 *         ...,
 *         STREAM_SSL_OPTION_ENUMS,
 *         OPT_BOOTSTRAP_CA_CERT,      (if the program supports it)
 *     };
 *     static const struct option long_options[] = {
 *         ...,
 *         STREAM_SSL_LONG_OPTIONS,
 *         {"bootstrap-ca-cert", required_argument, NULL,
 *          OPT_BOOTSTRAP_CA_CERT},
 *         ...
 *     };
 *
 * and in the option switch:
 *
 *     STREAM_SSL_OPTION_HANDLERS
 *
 *     case OPT_BOOTSTRAP_CA_CERT:
 *         stream_ssl_set_ca_cert_file(optarg, true);
 *         break;
 *
 * -p, -c and -C are the short forms of --private-key, --certificate and
 * --ca-cert. */
#define STREAM_SSL_OPTION_ENUMS                 \
        OPT_SSL_PROTOCOLS,                      \
        OPT_SSL_CIPHERS

#define STREAM_SSL_LONG_OPTIONS                                         \
        {"private-key", required_argument, NULL, 'p'},                  \
        {"certificate", required_argument, NULL, 'c'},                  \
        {"ca-cert", required_argument, NULL, 'C'},                      \
        {"ssl-protocols", required_argument, NULL, OPT_SSL_PROTOCOLS},  \
        {"ssl-ciphers", required_argument, NULL, OPT_SSL_CIPHERS}

#define STREAM_SSL_OPTION_HANDLERS                      \
        case 'p':                                       \
            stream_ssl_set_private_key_file(optarg);    \
            break;                                      \
                                                        \
        case 'c':                                       \
            stream_ssl_set_certificate_file(optarg);    \
            break;                                      \
                                                        \
        case 'C':                                       \
            stream_ssl_set_ca_cert_file(optarg, false); \
            break;                                      \
                                                        \
        case OPT_SSL_PROTOCOLS:                         \
            stream_ssl_set_protocols(optarg);           \
            break;                                      \
                                                        \
        case OPT_SSL_CIPHERS:                           \
            stream_ssl_set_ciphers(optarg);             \
            break;

#define STREAM_SSL_CASES \
    case 'p': case 'c': case 'C': case OPT_SSL_PROTOCOLS: case OPT_SSL_CIPHERS:

#endif /* stream-ssl.h */
