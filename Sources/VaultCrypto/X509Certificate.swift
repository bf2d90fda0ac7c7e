// VaultCrypto: the owner of one X509 certificate being built or read from PEM.

import COpenSSL
import Foundation

/// Owns one `X509`. Used by ``CertificateIssuer`` to build certificates field by field and
/// to read an issuer certificate back from PEM.
final class X509Certificate {
    private let pointer: OpaquePointer

    /// An empty certificate to fill in.
    init() throws {
        pointer = try OpenSSLErrorQueue.unwrap(X509_new(), .operationFailed, "X509_new")
    }

    /// Reads the first certificate in `pem`.
    init(pem: String) throws {
        let bio = try MemoryBIO(copying: pem)
        // PEM_read_bio_X509 allocates a new X509 when its second argument is NULL.
        let read = bio.withPointer { PEM_read_bio_X509($0, nil, nil, nil) }
        pointer = try OpenSSLErrorQueue.unwrap(read, .invalidInput, "cannot read issuer certificate PEM")
    }

    deinit { X509_free(pointer) }

    func withPointer<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        try body(pointer)
    }

    /// Sets version 3, a random positive 128-bit serial and the validity window.
    func setBasics(notBeforeOffsetSeconds: Int, validDays: Int) throws {
        // Version field values are zero-based: X509_VERSION_3 is 2.
        try OpenSSLErrorQueue.check(X509_set_version(pointer, Int(X509_VERSION_3)), .operationFailed, "X509_set_version")
        var serial = SecureRandom.bytes(16)
        // Clear the top bit so the DER INTEGER is positive (RFC 5280 4.1.2.2), and keep it non-zero.
        serial[0] = (serial[0] & 0x7F) | 0x01
        let number = try BigNumber(unsignedBigEndian: serial, secret: false)
        // X509_get_serialNumber returns the certificate's own ASN1_INTEGER, which BN_to_ASN1_INTEGER fills in place.
        guard BN_to_ASN1_INTEGER(number.pointer, X509_get_serialNumber(pointer)) != nil else {
            throw OpenSSLErrorQueue.error(.operationFailed, "BN_to_ASN1_INTEGER")
        }
        // X509_getm_* return the certificate's own ASN1_TIME fields; the adj calls set them to now + offset.
        guard X509_gmtime_adj(X509_getm_notBefore(pointer), notBeforeOffsetSeconds) != nil,
              X509_time_adj_ex(X509_getm_notAfter(pointer), Int32(validDays), 0, nil) != nil else {
            throw OpenSSLErrorQueue.error(.operationFailed, "cannot set certificate validity")
        }
    }

    /// Sets the subject to `CN=commonName`.
    func setSubject(commonName: String) throws {
        // X509_get_subject_name returns the certificate's own X509_NAME, modified in place.
        let name = X509_get_subject_name(pointer)
        let result = X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, commonName, -1, -1, 0)
        try OpenSSLErrorQueue.check(result, .invalidInput, "invalid certificate common name")
    }

    /// Copies `issuer`'s subject name into this certificate's issuer field.
    func setIssuerName(from issuer: X509Certificate) throws {
        // X509_set_issuer_name copies the name.
        let result = issuer.withPointer { X509_set_issuer_name(pointer, X509_get_subject_name($0)) }
        try OpenSSLErrorQueue.check(result, .operationFailed, "X509_set_issuer_name")
    }

    /// Sets the subject public key.
    func setPublicKey(_ key: PKey) throws {
        // X509_set_pubkey encodes the public half; the private half is never copied.
        let result = key.withPointer { X509_set_pubkey(pointer, $0) }
        try OpenSSLErrorQueue.check(result, .operationFailed, "X509_set_pubkey")
    }

    /// Adds an extension given in openssl.cnf syntax, e.g. (NID_basic_constraints, "critical,CA:TRUE").
    /// `issuer` and `issuerKey` feed authorityKeyIdentifier; subjectKeyIdentifier hashes this certificate's key.
    func addExtension(_ nid: Int32, _ value: String, issuer: X509Certificate, issuerKey: PKey) throws {
        var context = X509V3_CTX()
        // A zeroed X509V3_CTX has no config database (what X509V3_set_ctx_nodb would set).
        issuer.withPointer { X509V3_set_ctx(&context, $0, pointer, nil, nil, 0) }
        // The issuer key lets authorityKeyIdentifier be computed for a self-signed certificate.
        try issuerKey.withPointer {
            try OpenSSLErrorQueue.check(X509V3_set_issuer_pkey(&context, $0), .operationFailed, "X509V3_set_issuer_pkey")
        }
        let ext = try OpenSSLErrorQueue.unwrap(X509V3_EXT_conf_nid(nil, &context, nid, value), .invalidInput,
                                               "invalid certificate extension \(Self.shortName(nid))")
        defer { X509_EXTENSION_free(ext) }
        // X509_add_ext appends a copy of `ext`.
        try OpenSSLErrorQueue.check(X509_add_ext(pointer, ext, -1), .operationFailed, "X509_add_ext")
    }

    private static func shortName(_ nid: Int32) -> String {
        // OBJ_nid2sn returns a static string owned by OpenSSL, or NULL for an unknown NID.
        OBJ_nid2sn(nid).map { String(cString: $0) } ?? "NID \(nid)"
    }

    /// Signs the certificate with `key` using SHA-256 (ECDSA-with-SHA256 for EC keys).
    func sign(with key: PKey) throws {
        // X509_sign returns the signature length, or 0 on failure.
        let length = key.withPointer { X509_sign(pointer, $0, HashAlgorithm.sha256.evpMD) }
        guard length > 0 else { throw OpenSSLErrorQueue.error(.operationFailed, "X509_sign") }
    }

    /// True if `key` is the private key for this certificate's public key.
    func matches(privateKey key: PKey) -> Bool {
        defer { OpenSSLErrorQueue.drain() }
        return key.withPointer { X509_check_private_key(pointer, $0) == 1 }
    }

    /// True if the certificate is a CA (basicConstraints CA:TRUE), per X509_check_ca(3).
    var isCertificateAuthority: Bool { X509_check_ca(pointer) != 0 }

    /// PEM text ("-----BEGIN CERTIFICATE-----").
    func pem() throws -> String {
        let bio = try MemoryBIO()
        try bio.withPointer { try OpenSSLErrorQueue.check(PEM_write_bio_X509($0, pointer), .operationFailed, "PEM_write_bio_X509") }
        return bio.contents()
    }
}
