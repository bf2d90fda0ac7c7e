// OpenSSL 3 headers for Swift. Only wrapper targets (VaultCrypto, HTTPServer) import this.
// Functions below wrap OpenSSL macros, which Swift cannot call; one comment each.
#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/// OPENSSL_free is a macro over CRYPTO_free carrying file and line.
static inline void shim_OPENSSL_free(void *ptr) { OPENSSL_free(ptr); }

/// SSL_CTX_set_min_proto_version is a macro over SSL_CTX_ctrl.
static inline int shim_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}

/// SSL_CTX_set_max_proto_version is a macro over SSL_CTX_ctrl.
static inline int shim_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_max_proto_version(ctx, version);
}

/// SSL_CTX_set_mode is a macro over SSL_CTX_ctrl.
static inline long shim_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) { return SSL_CTX_set_mode(ctx, mode); }

/// SSL_CTX_set_session_cache_mode is a macro over SSL_CTX_ctrl.
static inline long shim_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_session_cache_mode(ctx, mode);
}

/// BIO_get_mem_data is a macro over BIO_ctrl.
static inline long shim_BIO_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

#endif
