// HTTPServer: reading certificates and a private key from PEM text into owned OpenSSL objects.

import COpenSSL

/// One OpenSSL object (X509, EVP_PKEY, BIO) and the function that releases it; the one owner of
/// the pointer, freeing it in `deinit`.
final class OpenSSLObject {
    let pointer: OpaquePointer
    private let release: (OpaquePointer) -> Void

    init(takingOwnershipOf pointer: OpaquePointer, release: @escaping (OpaquePointer) -> Void) {
        self.pointer = pointer
        self.release = release
    }

    deinit { release(pointer) }
}

/// Parses PEM text held in memory; error messages never quote the PEM.
enum PEMReader {
    /// Every "CERTIFICATE" block in order.
    static func certificates(_ pem: String) throws -> [OpenSSLObject] {
        try withMemoryBIO(pem) { bio in
            var certificates: [OpenSSLObject] = []
            // PEM_read_bio_X509 returns a new X509 (caller frees) or NULL at the end of the input,
            // leaving PEM_R_NO_START_LINE on the error queue for the end case.
            while let x509 = PEM_read_bio_X509(bio, nil, nil, nil) {
                certificates.append(OpenSSLObject(takingOwnershipOf: x509, release: { X509_free($0) }))
            }
            let leftover = drainOpenSSLErrors()
            if certificates.isEmpty {
                throw HTTPServerError("cannot read a certificate from the chain PEM: \(leftover.joined(separator: "; "))")
            }
            return certificates
        }
    }

    /// The first private key block (PKCS#8 "PRIVATE KEY", "RSA PRIVATE KEY" or "EC PRIVATE KEY").
    static func privateKey(_ pem: String) throws -> OpenSSLObject {
        try withMemoryBIO(pem) { bio in
            // Returns a new EVP_PKEY (caller frees); the NULL password callback refuses encrypted keys.
            guard let key = PEM_read_bio_PrivateKey(bio, nil, nil, nil) else {
                throw HTTPServerError.openSSL("cannot read the private key PEM")
            }
            return OpenSSLObject(takingOwnershipOf: key, release: { EVP_PKEY_free($0) })
        }
    }

    /// Lends a read-only memory BIO over the UTF-8 bytes of `text` for the duration of `body`.
    private static func withMemoryBIO<T>(_ text: String, _ body: (OpaquePointer) throws -> T) throws -> T {
        let bytes = Array(text.utf8)
        guard bytes.count < Int32.max else { throw HTTPServerError("PEM text is too large") }
        return try bytes.withUnsafeBytes { buffer in
            // BIO_new_mem_buf does not copy: the BIO must not outlive `buffer`, hence the scope.
            guard let raw = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else {
                throw HTTPServerError.openSSL("BIO_new_mem_buf failed")
            }
            let bio = OpenSSLObject(takingOwnershipOf: raw, release: { BIO_free($0) })
            return try withExtendedLifetime(bio) { try body(bio.pointer) }
        }
    }
}
