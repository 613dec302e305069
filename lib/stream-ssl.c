/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* "ssl:HOST:PORT" and "pssl:[PORT][:HOST]" streams: TLS over TCP, through
 * OpenSSL, with mutual certificate authentication. */

#include <config.h>
#include "stream-ssl.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "poll-loop.h"
#include "socket-util.h"
#include "stream-provider.h"

VLOG_DEFINE_THIS_MODULE(stream_ssl);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(10, 25);

/* Configuration. */

/* One file of the configuration and whether it has been loaded. */
struct ssl_config_file {
    bool read;                  /* Loaded successfully? */
    char *file_name;            /* Configured file name, or NULL. */
    struct timespec mtime;      /* Modification time when loaded. */
};

static SSL_CTX *ctx;            /* Shared by every SSL stream. */
static struct ssl_config_file private_key;
static struct ssl_config_file certificate;
static struct ssl_config_file ca_cert;
static bool verify_peer = true; /* False with "--ca-cert=none". */
static bool bootstrap_ca_cert;  /* Waiting to learn the CA cert? */

/* Protocols that --ssl-protocols may name. */
struct ssl_protocol {
    const char *name;           /* e.g. "TLSv1.2". */
    int version;                /* e.g. TLS1_2_VERSION. */
};
static const struct ssl_protocol ssl_protocols[] = {
    { "TLSv1.2", TLS1_2_VERSION },
    { "TLSv1.3", TLS1_3_VERSION },
};

/* Cipher list used unless --ssl-ciphers says otherwise (TLS 1.2; TLS 1.3
 * always uses OpenSSL's default suites). */
#define DEFAULT_SSL_CIPHERS "HIGH:!aNULL:!MD5"

/* Logs the OpenSSL errors queued for this thread, prefixed by 'what', at
 * 'level', and clears them. */
static void
log_openssl_errors(enum vlog_level level, const char *what)
{
    unsigned long err;
    bool any = false;

    while ((err = ERR_get_error()) != 0) {
        char buf[256];

        ERR_error_string_n(err, buf, sizeof buf);
        if (!vlog_should_drop(THIS_MODULE, level, &rl)) {
            vlog(THIS_MODULE, level, "%s: %s", what, buf);
        }
        any = true;
    }
    if (!any && !vlog_should_drop(THIS_MODULE, level, &rl)) {
        vlog(THIS_MODULE, level, "%s: unknown error", what);
    }
}

/* Creates the shared SSL_CTX, once.  Returns 0 if it exists, otherwise
 * ENOPROTOOPT. */
static int
ssl_init(void)
{
    static bool failed;

    if (ctx) {
        return 0;
    } else if (failed) {
        return ENOPROTOOPT;
    }

    OPENSSL_init_ssl(0, NULL);
    ctx = SSL_CTX_new(TLS_method());
    if (!ctx) {
        log_openssl_errors(VLL_ERR, "SSL_CTX_new");
        failed = true;
        return ENOPROTOOPT;
    }

    /* TLS 1.2 and later only. */
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(ctx, 0);
    SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_TICKET
                        | SSL_OP_IGNORE_UNEXPECTED_EOF);
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE
                     | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
                       NULL);
    SSL_CTX_set_dh_auto(ctx, 1);
    if (!SSL_CTX_set_cipher_list(ctx, DEFAULT_SSL_CIPHERS)) {
        log_openssl_errors(VLL_ERR, "SSL_CTX_set_cipher_list");
    }
    return 0;
}

/* Returns true if 'file_name' differs from what 'config' last loaded, by
 * name or by modification time, and records the new name and time.  A
 * NULL or empty 'file_name' never counts as a change. */
static bool
update_ssl_config(struct ssl_config_file *config, const char *file_name)
{
    struct stat s;
    struct timespec mtime = { 0, 0 };

    if (ssl_init() || !file_name || !*file_name) {
        return false;
    }
    if (!stat(file_name, &s)) {
        mtime = s.st_mtim;
    }
    if (config->file_name && !strcmp(config->file_name, file_name)
        && config->mtime.tv_sec == mtime.tv_sec
        && config->mtime.tv_nsec == mtime.tv_nsec) {
        return false;
    }

    /* 'file_name' may be 'config->file_name' itself. */
    char *new_name = xstrdup(file_name);
    free(config->file_name);
    config->file_name = new_name;
    config->mtime = mtime;
    config->read = false;
    return true;
}

/* Returns true if any of the private key, certificate or CA certificate
 * has been configured. */
bool
stream_ssl_is_configured(void)
{
    return private_key.file_name || certificate.file_name
           || ca_cert.file_name;
}

/* Checks that the loaded private key matches the loaded certificate. */
static void
check_key_and_cert(void)
{
    if (private_key.read && certificate.read
        && !SSL_CTX_check_private_key(ctx)) {
        log_openssl_errors(VLL_ERR, "private key does not match "
                           "certificate");
    }
}

/* Loads the private key from 'file_name' (PEM). */
static void
load_private_key(const char *file_name)
{
    ERR_clear_error();
    if (SSL_CTX_use_PrivateKey_file(ctx, file_name, SSL_FILETYPE_PEM) != 1) {
        char *what = xasprintf("%s: could not load private key", file_name);
        log_openssl_errors(VLL_ERR, what);
        free(what);
        return;
    }
    private_key.read = true;
}

/* Loads the certificate (and any chain after it) from 'file_name'
 * (PEM). */
static void
load_certificate(const char *file_name)
{
    ERR_clear_error();
    if (SSL_CTX_use_certificate_chain_file(ctx, file_name) != 1) {
        char *what = xasprintf("%s: could not load certificate", file_name);
        log_openssl_errors(VLL_ERR, what);
        free(what);
        return;
    }
    certificate.read = true;
}

/* Sets the file with this end's private key (PEM). */
void
stream_ssl_set_private_key_file(const char *file_name)
{
    if (update_ssl_config(&private_key, file_name)) {
        load_private_key(file_name);
        check_key_and_cert();
    }
}

/* Sets the file with this end's certificate (PEM, optionally followed by
 * the chain of CA certificates that signed it). */
void
stream_ssl_set_certificate_file(const char *file_name)
{
    if (update_ssl_config(&certificate, file_name)) {
        load_certificate(file_name);
        check_key_and_cert();
    }
}

/* Sets both the private key and the certificate, for callers that change
 * them together (so that a new key is never checked against the old
 * certificate). */
void
stream_ssl_set_key_and_cert(const char *private_key_file,
                            const char *certificate_file)
{
    bool new_key = update_ssl_config(&private_key, private_key_file);
    bool new_cert = update_ssl_config(&certificate, certificate_file);

    if (new_key || new_cert) {
        if (new_cert || certificate.file_name) {
            certificate.read = false;
            load_certificate(certificate.file_name);
        }
        if (new_key || private_key.file_name) {
            private_key.read = false;
            load_private_key(private_key.file_name);
        }
        check_key_and_cert();
    }
}

/* Reads every certificate in PEM file 'file_name'.  Returns 0 and stores
 * them in '*certs' (an array of '*n_certs' elements that the caller must
 * free, along with each certificate) if there is at least one, otherwise a
 * positive errno value. */
static int
read_cert_file(const char *file_name, X509 ***certs, size_t *n_certs)
{
    size_t allocated = 0;
    FILE *file;

    *certs = NULL;
    *n_certs = 0;

    file = fopen(file_name, "r");
    if (!file) {
        int error = errno;
        VLOG_ERR("%s: could not open for reading (%s)",
                 file_name, ovs_strerror(error));
        return error;
    }

    for (;;) {
        X509 *cert = PEM_read_X509(file, NULL, NULL, NULL);
        if (!cert) {
            break;
        }
        if (*n_certs >= allocated) {
            *certs = x2nrealloc(*certs, &allocated, sizeof **certs);
        }
        (*certs)[(*n_certs)++] = cert;
    }
    ERR_clear_error();
    fclose(file);

    if (!*n_certs) {
        VLOG_ERR("%s: no certificates found", file_name);
        free(*certs);
        *certs = NULL;
        return EINVAL;
    }
    return 0;
}

/* Returns the subject of 'cert' as one line of text, to be freed. */
static char *
cert_subject(X509 *cert)
{
    char *s = X509_NAME_oneline(X509_get_subject_name(cert), NULL, 0);
    char *copy = xstrdup(s ? s : "<unknown>");

    OPENSSL_free(s);
    return copy;
}

/* Makes the 'n' certificates in 'certs' the CAs that peers' certificates
 * must chain to, replacing any previous ones, and the list of CAs that a
 * server advertises to its clients. */
static void
install_ca_certs(X509 **certs, size_t n)
{
    X509_STORE *store = X509_STORE_new();
    STACK_OF(X509_NAME) *names = sk_X509_NAME_new_null();

    for (size_t i = 0; i < n; i++) {
        if (!X509_STORE_add_cert(store, certs[i])) {
            log_openssl_errors(VLL_ERR, "X509_STORE_add_cert");
        }
        sk_X509_NAME_push(names,
                          X509_NAME_dup(X509_get_subject_name(certs[i])));
    }
    SSL_CTX_set_cert_store(ctx, store);
    SSL_CTX_set_client_CA_list(ctx, names);
}

/* Loads the CA certificates from 'file_name'. */
static void
load_ca_cert(const char *file_name)
{
    X509 **certs;
    size_t n;

    if (!read_cert_file(file_name, &certs, &n)) {
        install_ca_certs(certs, n);
        for (size_t i = 0; i < n; i++) {
            X509_free(certs[i]);
        }
        free(certs);
        ca_cert.read = true;
    }
}

/* Sets the file with the CA certificates that peers' certificates must be
 * signed by.  The special name "none" disables checking the peer's
 * certificate (insecure).
 *
 * With 'bootstrap', a 'file_name' that does not exist yet is created on
 * the first "ssl:" connection, from the self-signed CA certificate at the
 * end of the chain that the server presents; that connection is then
 * dropped, and later ones are checked against the saved CA. */
void
stream_ssl_set_ca_cert_file(const char *file_name, bool bootstrap)
{
    struct stat s;

    if (!file_name || !*file_name || ssl_init()) {
        return;
    }

    if (!strcmp(file_name, "none")) {
        if (verify_peer) {
            VLOG_WARN("peer certificate checking is disabled "
                      "(--ca-cert=none): SSL peers are not authenticated");
            verify_peer = false;
            SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
        }
        char *new_name = xstrdup(file_name);
        free(ca_cert.file_name);
        ca_cert.file_name = new_name;
        ca_cert.read = true;
        bootstrap_ca_cert = false;
        return;
    }

    if (bootstrap && stat(file_name, &s) && errno == ENOENT) {
        if (!bootstrap_ca_cert || !ca_cert.file_name
            || strcmp(ca_cert.file_name, file_name)) {
            VLOG_INFO("%s: CA certificate does not exist yet: it will be "
                      "learned from the first SSL peer", file_name);
        }
        char *new_name = xstrdup(file_name);
        free(ca_cert.file_name);
        ca_cert.file_name = new_name;
        ca_cert.read = false;
        memset(&ca_cert.mtime, 0, sizeof ca_cert.mtime);
        bootstrap_ca_cert = true;
        return;
    }

    if (update_ssl_config(&ca_cert, file_name)) {
        bootstrap_ca_cert = false;
        if (!verify_peer) {
            verify_peer = true;
            SSL_CTX_set_verify(ctx, (SSL_VERIFY_PEER
                                     | SSL_VERIFY_FAIL_IF_NO_PEER_CERT),
                               NULL);
        }
        load_ca_cert(file_name);
    }
}

/* Sets a file of CA certificates to send to peers after this end's own
 * certificate, so that a peer that bootstraps its CA certificate can
 * learn it. */
void
stream_ssl_set_peer_ca_cert_file(const char *file_name)
{
    static char *loaded;
    X509 **certs;
    size_t n;

    if (!file_name || !*file_name || ssl_init()
        || (loaded && !strcmp(loaded, file_name))) {
        return;
    }

    if (!read_cert_file(file_name, &certs, &n)) {
        for (size_t i = 0; i < n; i++) {
            /* The context takes ownership of each certificate. */
            if (!SSL_CTX_add_extra_chain_cert(ctx, certs[i])) {
                log_openssl_errors(VLL_ERR, "SSL_CTX_add_extra_chain_cert");
                X509_free(certs[i]);
            }
        }
        free(certs);
        free(loaded);
        loaded = xstrdup(file_name);
    }
}

/* Sets the TLS protocol versions to allow, from 'arg', a list of
 * "TLSv1.2" and "TLSv1.3" separated by commas or spaces.  Older versions
 * are not supported.  On error, logs it and keeps the previous setting. */
void
stream_ssl_set_protocols(const char *arg)
{
    int min = 0, max = 0;
    char *copy, *save_ptr = NULL;

    if (!arg || ssl_init()) {
        return;
    }

    copy = xstrdup(arg);
    for (char *word = strtok_r(copy, " ,\t", &save_ptr); word;
         word = strtok_r(NULL, " ,\t", &save_ptr)) {
        const struct ssl_protocol *p = NULL;

        for (size_t i = 0; i < ARRAY_SIZE(ssl_protocols); i++) {
            if (!strcasecmp(word, ssl_protocols[i].name)) {
                p = &ssl_protocols[i];
                break;
            }
        }
        if (!p) {
            if (!strcasecmp(word, "TLSv1") || !strcasecmp(word, "TLSv1.1")
                || !strncasecmp(word, "SSL", 3)) {
                VLOG_WARN("%s: protocol is not supported (Weft supports "
                          "TLSv1.2 and later only)", word);
                continue;
            }
            VLOG_ERR("%s: unknown SSL protocol", word);
            free(copy);
            return;
        }
        min = !min || p->version < min ? p->version : min;
        max = !max || p->version > max ? p->version : max;
    }
    free(copy);

    if (!min) {
        VLOG_ERR("--ssl-protocols=%s: no supported protocol is enabled",
                 arg);
        return;
    }
    SSL_CTX_set_min_proto_version(ctx, min);
    SSL_CTX_set_max_proto_version(ctx, max);
}

/* Sets the list of TLS 1.2 ciphers to allow, in OpenSSL's syntax.  On
 * error, logs it and keeps the previous list. */
void
stream_ssl_set_ciphers(const char *arg)
{
    if (!arg || ssl_init()) {
        return;
    }
    ERR_clear_error();
    if (!SSL_CTX_set_cipher_list(ctx, arg)) {
        char *what = xasprintf("--ssl-ciphers=%s", arg);
        log_openssl_errors(VLL_ERR, what);
        free(what);
    }
}

/* Checks that enough is configured to make or accept SSL connections:
 * 'server' is true for pssl.  Returns 0 if so, otherwise logs the problem
 * and returns ENOPROTOOPT. */
static int
ssl_check_config(const char *name, bool server)
{
    if (ssl_init()) {
        return ENOPROTOOPT;
    }
    if (!private_key.read) {
        VLOG_ERR("%s: SSL needs a private key (--private-key)", name);
        return ENOPROTOOPT;
    }
    if (!certificate.read) {
        VLOG_ERR("%s: SSL needs a certificate (--certificate)", name);
        return ENOPROTOOPT;
    }
    if (!ca_cert.read && !(bootstrap_ca_cert && !server)) {
        VLOG_ERR("%s: SSL needs a CA certificate (--ca-cert%s)", name,
                 server ? "" : " or --bootstrap-ca-cert");
        return ENOPROTOOPT;
    }
    return 0;
}

/* SSL streams. */

/* Where an SSL stream is in setting up its connection. */
enum ssl_state {
    STATE_TCP_CONNECTING,       /* TCP connection in progress. */
    STATE_SSL_CONNECTING        /* TLS handshake in progress (or done). */
};

/* Which end of the connection we are. */
enum ssl_role {
    ROLE_CLIENT,                /* We connected. */
    ROLE_SERVER                 /* We accepted. */
};

/* An SSL stream. */
struct ssl_stream {
    struct stream stream;       /* Generic part. */
    enum ssl_state state;       /* Connection setup progress. */
    enum ssl_role role;         /* Client or server. */
    int fd;                     /* TCP socket. */
    SSL *ssl;                   /* OpenSSL connection. */
    bool bootstrapping;         /* Client learning the CA cert? */
    int rx_want;                /* SSL_READING/SSL_WRITING/SSL_NOTHING:
                                 * what the last SSL_read() waits for. */
    int tx_want;                /* Likewise for SSL_write(). */
    uint8_t *txbuf;             /* Data accepted but not yet sent. */
    size_t tx_size;             /* Bytes in 'txbuf'. */
    size_t tx_ofs;              /* Bytes of 'txbuf' already sent. */
};

static struct ssl_stream *
ssl_stream_cast(struct stream *stream)
{
    stream_assert_class(stream, &ssl_stream_class);
    return CONTAINER_OF(stream, struct ssl_stream, stream);
}

/* Creates an SSL stream named 'name' (taking ownership) over TCP socket
 * 'fd' (taking ownership), in 'role' and starting in 'state'.  Stores it
 * in '*streamp' and returns 0, or returns a positive errno value. */
static int
new_ssl_stream(char *name, int fd, enum ssl_role role, enum ssl_state state,
               struct stream **streamp)
{
    struct ssl_stream *sslv;
    SSL *ssl;

    ERR_clear_error();
    ssl = SSL_new(ctx);
    if (!ssl || !SSL_set_fd(ssl, fd)) {
        log_openssl_errors(VLL_ERR, "SSL_new");
        SSL_free(ssl);
        free(name);
        close(fd);
        return ENOPROTOOPT;
    }
    if (role == ROLE_CLIENT) {
        SSL_set_connect_state(ssl);
    } else {
        SSL_set_accept_state(ssl);
    }

    sslv = xzalloc(sizeof *sslv);
    stream_init(&sslv->stream, &ssl_stream_class, EAGAIN, name);
    sslv->state = state;
    sslv->role = role;
    sslv->fd = fd;
    sslv->ssl = ssl;
    sslv->rx_want = sslv->tx_want = SSL_NOTHING;
    if (role == ROLE_CLIENT && bootstrap_ca_cert) {
        /* Accept whatever the server presents: we only want to learn its
         * CA. */
        sslv->bootstrapping = true;
        SSL_set_verify(ssl, SSL_VERIFY_NONE, NULL);
    }
    *streamp = &sslv->stream;
    return 0;
}

static int
ssl_open(const char *name, char *suffix, struct stream **streamp,
         uint8_t dscp)
{
    struct sockaddr_storage ss;
    int error, fd;

    error = ssl_check_config(name, false);
    if (error) {
        return error;
    }

    error = inet_open_active(SOCK_STREAM, suffix, -1, &ss, &fd, dscp);
    if (fd < 0) {
        VLOG_ERR("%s: connect: %s", name, ovs_strerror(error));
        return error;
    }
    return new_ssl_stream(xstrdup(name), fd, ROLE_CLIENT,
                          (error ? STATE_TCP_CONNECTING
                           : STATE_SSL_CONNECTING),
                          streamp);
}

/* Returns the SHA-1 fingerprint of 'cert' as colon-separated hex, to be
 * freed. */
static char *
cert_fingerprint(X509 *cert)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    struct ds ds = DS_EMPTY_INITIALIZER;

    if (X509_digest(cert, EVP_sha1(), digest, &len)) {
        for (unsigned int i = 0; i < len; i++) {
            ds_put_format(&ds, "%s%02x", i ? ":" : "", digest[i]);
        }
    }
    return ds_steal_cstr(&ds);
}

/* Saves the CA certificate from the chain presented by the server on
 * bootstrapping stream 'sslv', and trusts it from now on.  Always returns
 * a nonzero errno value, so that the connection is dropped: the next one
 * is authenticated with the saved CA. */
static int
ssl_bootstrap_ca_cert(struct ssl_stream *sslv)
{
    const char *name = stream_get_name(&sslv->stream);
    STACK_OF(X509) *chain = SSL_get_peer_cert_chain(sslv->ssl);
    char *subject, *fingerprint;
    X509 *cert;
    FILE *file;
    int fd;

    if (!chain || !sk_X509_num(chain)) {
        VLOG_ERR("%s: cannot bootstrap CA certificate: peer presented no "
                 "certificate", name);
        return EPROTO;
    }
    cert = sk_X509_value(chain, sk_X509_num(chain) - 1);
    if (X509_check_issued(cert, cert) != X509_V_OK) {
        VLOG_ERR("%s: cannot bootstrap CA certificate: the last "
                 "certificate that the peer presented is not self-signed "
                 "(the peer must send its CA certificate, e.g. with "
                 "--peer-ca-cert)", name);
        return EPROTO;
    }
    if (X509_check_ca(cert) <= 0) {
        VLOG_ERR("%s: cannot bootstrap CA certificate: the certificate "
                 "that the peer presented is not a CA", name);
        return EPROTO;
    }

    fd = open(ca_cert.file_name, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC,
              0444);
    if (fd < 0) {
        if (errno == EEXIST) {
            /* Someone else created it meanwhile: use theirs. */
            VLOG_INFO("%s: created by another process; reading it",
                      ca_cert.file_name);
            stream_ssl_set_ca_cert_file(ca_cert.file_name, false);
            return EPROTO;
        }
        VLOG_ERR("%s: could not create (%s)", ca_cert.file_name,
                 ovs_strerror(errno));
        return errno;
    }
    file = fdopen(fd, "w");
    if (!file || !PEM_write_X509(file, cert) || fflush(file)
        || fsync(fileno(file))) {
        int error = errno ? errno : EIO;
        VLOG_ERR("%s: could not write CA certificate (%s)",
                 ca_cert.file_name, ovs_strerror(error));
        if (file) {
            fclose(file);
        } else {
            close(fd);
        }
        unlink(ca_cert.file_name);
        return error;
    }
    fclose(file);

    subject = cert_subject(cert);
    fingerprint = cert_fingerprint(cert);
    VLOG_INFO("%s: bootstrapped CA certificate %s (SHA-1 fingerprint %s) "
              "from the peer into %s; trusting it from now on and "
              "reconnecting", name, subject, fingerprint,
              ca_cert.file_name);
    free(subject);
    free(fingerprint);

    install_ca_certs(&cert, 1);
    update_ssl_config(&ca_cert, ca_cert.file_name);
    ca_cert.read = true;
    bootstrap_ca_cert = false;
    return EPROTO;
}

/* Returns the poll() events to wait for, given 'want', an SSL_want()
 * value. */
static short int
want_to_poll_events(int want)
{
    switch (want) {
    case SSL_READING:
        return POLLIN;
    case SSL_WRITING:
        return POLLOUT;
    default:
        return 0;
    }
}

/* Reports the error from an OpenSSL call 'function' on 'sslv' that
 * returned 'ret', whose SSL_get_error() was 'error'.  Returns a positive
 * errno value for it: EPIPE for a connection closed by the peer, EPROTO
 * for a protocol error, or the system error. */
static int
interpret_ssl_error(struct ssl_stream *sslv, const char *function, int ret,
                    int error)
{
    const char *name = stream_get_name(&sslv->stream);

    switch (error) {
    case SSL_ERROR_ZERO_RETURN:
        return EPIPE;

    case SSL_ERROR_SYSCALL:
        if (ERR_peek_error()) {
            break;
        }
        if (ret == 0 || errno == 0) {
            VLOG_DBG_RL(&rl, "%s: %s: unexpected end of stream", name,
                        function);
            return EPIPE;
        } else {
            int e = errno;
            VLOG_DBG_RL(&rl, "%s: %s: %s", name, function, ovs_strerror(e));
            return e;
        }

    default:
        break;
    }

    char *what = xasprintf("%s: %s", name, function);
    log_openssl_errors(VLL_WARN, what);
    free(what);
    return EPROTO;
}

/* Sets the peer id of 'sslv' from the common name of the peer's
 * certificate, if it has one. */
static void
ssl_set_peer_id(struct ssl_stream *sslv)
{
    X509 *peer = SSL_get1_peer_certificate(sslv->ssl);

    if (peer) {
        char cn[256];
        if (X509_NAME_get_text_by_NID(X509_get_subject_name(peer),
                                      NID_commonName, cn, sizeof cn) > 0) {
            stream_set_peer_id(&sslv->stream, cn);
        }
        X509_free(peer);
    }
}

static int
ssl_connect(struct stream *stream)
{
    struct ssl_stream *sslv = ssl_stream_cast(stream);
    int retval;

    if (sslv->state == STATE_TCP_CONNECTING) {
        retval = check_connection_completion(sslv->fd);
        if (retval) {
            return retval;
        }
        sslv->state = STATE_SSL_CONNECTING;
        setsockopt_tcp_nodelay(sslv->fd);
    }

    ERR_clear_error();
    retval = (sslv->role == ROLE_CLIENT
              ? SSL_connect(sslv->ssl)
              : SSL_accept(sslv->ssl));
    if (retval != 1) {
        int error = SSL_get_error(sslv->ssl, retval);

        if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
            return EAGAIN;
        }
        return interpret_ssl_error(sslv, (sslv->role == ROLE_CLIENT
                                          ? "SSL_connect" : "SSL_accept"),
                                   retval, error);
    }

    if (sslv->bootstrapping) {
        sslv->bootstrapping = false;
        return ssl_bootstrap_ca_cert(sslv);
    }
    ssl_set_peer_id(sslv);
    return 0;
}

static void
ssl_close(struct stream *stream)
{
    struct ssl_stream *sslv = ssl_stream_cast(stream);

    /* Try to tell the peer, but never wait. */
    ERR_clear_error();
    if (sslv->state == STATE_SSL_CONNECTING
        && SSL_is_init_finished(sslv->ssl)) {
        SSL_shutdown(sslv->ssl);
    }
    ERR_clear_error();
    SSL_free(sslv->ssl);
    close(sslv->fd);
    free(sslv->txbuf);
    free(sslv);
}

static ssize_t
ssl_recv(struct stream *stream, void *buffer, size_t n)
{
    struct ssl_stream *sslv = ssl_stream_cast(stream);
    int ret, error;

    /* Cap at INT_MAX, since SSL_read() takes an int. */
    n = MIN(n, INT_MAX);

    ERR_clear_error();
    ret = SSL_read(sslv->ssl, buffer, n);
    if (ret > 0) {
        sslv->rx_want = SSL_NOTHING;
        return ret;
    }

    error = SSL_get_error(sslv->ssl, ret);
    if (error == SSL_ERROR_ZERO_RETURN) {
        return 0;
    } else if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
        sslv->rx_want = SSL_want(sslv->ssl);
        return -EAGAIN;
    } else {
        int e = interpret_ssl_error(sslv, "SSL_read", ret, error);
        return e == EPIPE ? 0 : -e;
    }
}

/* Sends as much of 'sslv->txbuf' as possible.  Returns 0 if it is all
 * sent (and frees it), EAGAIN if some remains, otherwise a positive errno
 * value (and frees it). */
static int
ssl_do_tx(struct ssl_stream *sslv)
{
    while (sslv->tx_ofs < sslv->tx_size) {
        int ret;

        ERR_clear_error();
        ret = SSL_write(sslv->ssl, sslv->txbuf + sslv->tx_ofs,
                        MIN(sslv->tx_size - sslv->tx_ofs, INT_MAX));
        if (ret > 0) {
            sslv->tx_ofs += ret;
            sslv->tx_want = SSL_NOTHING;
        } else {
            int error = SSL_get_error(sslv->ssl, ret);
            if (error == SSL_ERROR_WANT_READ
                || error == SSL_ERROR_WANT_WRITE) {
                sslv->tx_want = SSL_want(sslv->ssl);
                return EAGAIN;
            }
            free(sslv->txbuf);
            sslv->txbuf = NULL;
            return interpret_ssl_error(sslv, "SSL_write", ret, error);
        }
    }
    free(sslv->txbuf);
    sslv->txbuf = NULL;
    return 0;
}

static ssize_t
ssl_send(struct stream *stream, const void *buffer, size_t n)
{
    struct ssl_stream *sslv = ssl_stream_cast(stream);
    int error;

    if (sslv->txbuf) {
        return -EAGAIN;
    }

    /* OpenSSL wants a retried SSL_write() to repeat the same data, which
     * the caller need not do, so keep our own copy. */
    sslv->txbuf = xmemdup(buffer, n);
    sslv->tx_size = n;
    sslv->tx_ofs = 0;
    error = ssl_do_tx(sslv);
    return !error || error == EAGAIN ? (ssize_t) n : -error;
}

static void
ssl_run(struct stream *stream)
{
    struct ssl_stream *sslv = ssl_stream_cast(stream);

    if (sslv->txbuf) {
        int error = ssl_do_tx(sslv);
        if (error && error != EAGAIN) {
            VLOG_DBG_RL(&rl, "%s: send failed (%s)", stream_get_name(stream),
                        ovs_strerror(error));
        }
    }
}

static void
ssl_run_wait(struct stream *stream)
{
    struct ssl_stream *sslv = ssl_stream_cast(stream);

    if (sslv->txbuf) {
        short int events = want_to_poll_events(sslv->tx_want);
        if (events) {
            poll_fd_wait(sslv->fd, events);
        } else {
            poll_immediate_wake();
        }
    }
}

static void
ssl_wait(struct stream *stream, enum stream_wait_type wait)
{
    struct ssl_stream *sslv = ssl_stream_cast(stream);
    short int events;

    switch (wait) {
    case STREAM_CONNECT:
        if (sslv->state == STATE_TCP_CONNECTING) {
            poll_fd_wait(sslv->fd, POLLOUT);
        } else {
            events = want_to_poll_events(SSL_want(sslv->ssl));
            if (events) {
                poll_fd_wait(sslv->fd, events);
            } else {
                poll_immediate_wake();
            }
        }
        break;

    case STREAM_RECV:
        if (SSL_pending(sslv->ssl)) {
            poll_immediate_wake();
        } else {
            events = want_to_poll_events(sslv->rx_want);
            poll_fd_wait(sslv->fd, events ? events : POLLIN);
        }
        break;

    case STREAM_SEND:
        if (!sslv->txbuf) {
            poll_immediate_wake();
        } else {
            events = want_to_poll_events(sslv->tx_want);
            poll_fd_wait(sslv->fd, events ? events : POLLOUT);
        }
        break;

    default:
        OVS_NOT_REACHED();
    }
}

const struct stream_class ssl_stream_class = {
    .name = "ssl",
    .needs_probes = true,
    .open = ssl_open,
    .close = ssl_close,
    .connect = ssl_connect,
    .recv = ssl_recv,
    .send = ssl_send,
    .run = ssl_run,
    .run_wait = ssl_run_wait,
    .wait = ssl_wait,
};

/* Passive SSL. */

/* A listening socket for SSL. */
struct pssl_pstream {
    struct pstream pstream;     /* Generic part. */
    int fd;                     /* Listening TCP socket. */
};

static struct pssl_pstream *
pssl_pstream_cast(struct pstream *pstream)
{
    pstream_assert_class(pstream, &pssl_pstream_class);
    return CONTAINER_OF(pstream, struct pssl_pstream, pstream);
}

static int
pssl_open(const char *name, char *suffix, struct pstream **pstreamp,
          uint8_t dscp)
{
    struct sockaddr_storage ss;
    struct pssl_pstream *pssl;
    int error, fd;

    error = ssl_check_config(name, true);
    if (error) {
        return error;
    }

    fd = inet_open_passive(SOCK_STREAM, suffix, -1, &ss, dscp, true);
    if (fd < 0) {
        return -fd;
    }

    pssl = xmalloc(sizeof *pssl);
    pstream_init(&pssl->pstream, &pssl_pstream_class,
                 ptcp_name("pssl", &ss));
    pstream_set_bound_port(&pssl->pstream, ss_get_port(&ss));
    pssl->fd = fd;
    *pstreamp = &pssl->pstream;
    return 0;
}

static void
pssl_close(struct pstream *pstream)
{
    struct pssl_pstream *pssl = pssl_pstream_cast(pstream);

    close(pssl->fd);
    free(pssl);
}

static int
pssl_accept(struct pstream *pstream, struct stream **new_streamp)
{
    struct pssl_pstream *pssl = pssl_pstream_cast(pstream);
    struct sockaddr_storage ss;
    socklen_t ss_len = sizeof ss;
    char *peer, *name;
    int new_fd;

    do {
        new_fd = accept4(pssl->fd, (struct sockaddr *) &ss, &ss_len,
                         SOCK_NONBLOCK | SOCK_CLOEXEC);
    } while (new_fd < 0 && errno == EINTR);
    if (new_fd < 0) {
        int error = errno;
        if (error != EAGAIN && error != EWOULDBLOCK) {
            VLOG_DBG_RL(&rl, "%s: accept: %s", pstream_get_name(pstream),
                        ovs_strerror(error));
        }
        return error == EWOULDBLOCK ? EAGAIN : error;
    }

    setsockopt_tcp_nodelay(new_fd);
    peer = ss_format_address_port(&ss);
    name = xasprintf("ssl:%s", peer);
    free(peer);
    return new_ssl_stream(name, new_fd, ROLE_SERVER, STATE_SSL_CONNECTING,
                          new_streamp);
}

static void
pssl_wait(struct pstream *pstream)
{
    struct pssl_pstream *pssl = pssl_pstream_cast(pstream);

    poll_fd_wait(pssl->fd, POLLIN);
}

const struct pstream_class pssl_pstream_class = {
    .name = "pssl",
    .needs_probes = true,
    .listen = pssl_open,
    .close = pssl_close,
    .accept = pssl_accept,
    .wait = pssl_wait,
};
