// HTTPServer: the server's one SSL_CTX, built from PEM text, shared by every loop.

import COpenSSL

/// Owns the `SSL_CTX` every connection's `SSL` is created from: TLS 1.2 minimum (1.3 allowed),
/// the certificate chain and private key, and a server-side session cache for resumption.
///
/// Thread safety: OpenSSL 1.1+ locks an `SSL_CTX` internally, so `SSL_new` and the session cache
/// may be used from every loop thread at once; nothing here mutates the context after `init`.
final class TLSContext: @unchecked Sendable {
    private let context: OpaquePointer

    init(certificateChainPEM: String, privateKeyPEM: String) throws {
        // TLS_server_method negotiates the highest version both sides support.
        guard let context = SSL_CTX_new(TLS_server_method()) else {
            throw HTTPServerError.openSSL("SSL_CTX_new failed")
        }
        self.context = context   // owned from here on: a later throw frees it in deinit
        guard shim_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) == 1 else {
            throw HTTPServerError.openSSL("cannot require TLS 1.2")
        }
        // Free per-connection read/write buffers while idle: keep-alive connections cost less memory.
        _ = shim_SSL_CTX_set_mode(context, Int(SSL_MODE_RELEASE_BUFFERS))
        // Server-side session cache (TLS 1.2 session ids); TLS 1.3 tickets are enabled by default.
        _ = shim_SSL_CTX_set_session_cache_mode(context, Int(SSL_SESS_CACHE_SERVER))
        let sessionContext = Array("keyvault-emulator".utf8)
        guard SSL_CTX_set_session_id_context(context, sessionContext, UInt32(sessionContext.count)) == 1 else {
            throw HTTPServerError.openSSL("cannot set the session id context")
        }
        try installChain(certificateChainPEM)
        try installKey(privateKeyPEM)
        // Contract: returns 1 when the loaded private key matches the leaf certificate's public key.
        guard SSL_CTX_check_private_key(context) == 1 else {
            throw HTTPServerError.openSSL("the private key does not match the certificate")
        }
    }

    deinit { SSL_CTX_free(context) }

    /// A new `SSL` for one connection, or nil when OpenSSL is out of memory. The caller owns it
    /// (here: the OpenSSL bufferevent, which frees it with BEV_OPT_CLOSE_ON_FREE).
    func makeConnection() -> OpaquePointer? { SSL_new(context) }

    /// Leaf first, then any intermediates as the chain sent to clients.
    private func installChain(_ pem: String) throws {
        let certificates = try PEMReader.certificates(pem)
        guard let leaf = certificates.first else {
            throw HTTPServerError("the certificate chain PEM holds no certificate")
        }
        // SSL_CTX_use_certificate takes its own reference; ours is released by OpenSSLObject.
        guard SSL_CTX_use_certificate(context, leaf.pointer) == 1 else {
            throw HTTPServerError.openSSL("cannot use the server certificate")
        }
        for intermediate in certificates.dropFirst() {
            // SSL_CTX_add1_chain_cert is a macro for SSL_CTX_ctrl(ctx, SSL_CTRL_CHAIN_CERT, 1, x509);
            // larg 1 means "add1": the context takes its own reference to the certificate.
            guard SSL_CTX_ctrl(context, SSL_CTRL_CHAIN_CERT, 1, UnsafeMutableRawPointer(intermediate.pointer)) == 1 else {
                throw HTTPServerError.openSSL("cannot add an intermediate certificate")
            }
        }
    }

    private func installKey(_ pem: String) throws {
        let key = try PEMReader.privateKey(pem)
        // SSL_CTX_use_PrivateKey takes its own reference to the EVP_PKEY.
        guard SSL_CTX_use_PrivateKey(context, key.pointer) == 1 else {
            throw HTTPServerError.openSSL("cannot use the private key with the server certificate")
        }
    }
}
