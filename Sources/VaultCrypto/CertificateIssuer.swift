// VaultCrypto: the local certificate authority and the TLS server certificates it issues.

import COpenSSL
import Foundation

/// One subjectAltName entry of a server certificate.
///
/// ```swift
/// let names: [SubjectAlternativeName] = [.dns("localhost"), .dns("*.vault.localhost"), .ip("127.0.0.1"), .ip("::1")]
/// ```
public struct SubjectAlternativeName: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case dns, ip }
    let kind: Kind
    let value: String

    public static func dns(_ name: String) -> Self { Self(kind: .dns, value: name) }
    public static func ip(_ address: String) -> Self { Self(kind: .ip, value: address) }

    /// The entry in openssl.cnf syntax ("DNS:localhost", "IP:::1"), after checking that the
    /// value cannot smuggle extra entries (commas) or other GeneralName types into the list.
    func configValue() throws -> String {
        let allowed: Set<Character> = switch kind {
        case .dns: Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.*_")
        case .ip: Set("0123456789abcdefABCDEF:.")
        }
        guard !value.isEmpty, value.count <= 253, value.allSatisfy(allowed.contains) else {
            throw CryptoError(.invalidInput, "invalid subjectAltName \(kind == .dns ? "DNS name" : "IP address")")
        }
        return (kind == .dns ? "DNS:" : "IP:") + value
    }
}

/// Issues the emulator's local CA certificate and its TLS server certificates (X.509 v3, PEM,
/// ECDSA with SHA-256). Certificates are back-dated one hour so clocks that lag slightly still
/// accept them.
///
/// ```swift
/// let caKey = try ECKey.generate(curve: .p256)
/// let caPEM = try CertificateIssuer.selfSignedCA(commonName: "Vault Emulator Local CA", key: caKey, validDays: 3650)
/// let serverKey = try ECKey.generate(curve: .p256)
/// let serverPEM = try CertificateIssuer.serverCertificate(
///     commonName: "localhost", names: [.dns("localhost"), .ip("127.0.0.1")], key: serverKey,
///     issuerPEM: caPEM, issuerKey: caKey, validDays: 397)
/// ```
public enum CertificateIssuer {
    static let backdateSeconds = -3600

    /// A self-signed CA certificate: basicConstraints critical CA:TRUE, keyUsage critical
    /// keyCertSign + cRLSign, subject and authority key identifiers.
    public static func selfSignedCA(commonName: String, key: ECKey, validDays: Int) throws -> String {
        try checkSigningKey(key, validDays)
        let certificate = try X509Certificate()
        try certificate.setBasics(notBeforeOffsetSeconds: backdateSeconds, validDays: validDays)
        try certificate.setSubject(commonName: commonName)
        try certificate.setIssuerName(from: certificate)
        try certificate.setPublicKey(key.pkey)
        let extensions: [(Int32, String)] = [
            (NID_basic_constraints, "critical,CA:TRUE"),
            (NID_key_usage, "critical,keyCertSign,cRLSign"),
            (NID_subject_key_identifier, "hash"),
            (NID_authority_key_identifier, "keyid:always"),
        ]
        for (nid, value) in extensions {
            try certificate.addExtension(nid, value, issuer: certificate, issuerKey: key.pkey)
        }
        try certificate.sign(with: key.pkey)
        return try certificate.pem()
    }

    /// A TLS server certificate for `key`, signed by the CA in `issuerPEM` with `issuerKey`:
    /// basicConstraints critical CA:FALSE, keyUsage critical digitalSignature, extendedKeyUsage
    /// serverAuth, subjectAltName from `names`, subject and authority key identifiers.
    public static func serverCertificate(commonName: String, names: [SubjectAlternativeName], key: ECKey,
                                         issuerPEM: String, issuerKey: ECKey, validDays: Int) throws -> String {
        try checkSigningKey(issuerKey, validDays)
        guard !names.isEmpty else { throw CryptoError(.invalidInput, "a server certificate needs at least one subjectAltName") }
        let alternativeNames = try names.map { try $0.configValue() }.joined(separator: ",")
        let issuer = try X509Certificate(pem: issuerPEM)
        guard issuer.isCertificateAuthority else { throw CryptoError(.invalidInput, "issuer certificate is not a CA") }
        guard issuer.matches(privateKey: issuerKey.pkey) else {
            throw CryptoError(.invalidKey, "issuer key does not belong to the issuer certificate")
        }
        let certificate = try X509Certificate()
        try certificate.setBasics(notBeforeOffsetSeconds: backdateSeconds, validDays: validDays)
        try certificate.setSubject(commonName: commonName)
        try certificate.setIssuerName(from: issuer)
        try certificate.setPublicKey(key.pkey)
        let extensions: [(Int32, String)] = [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, "critical,digitalSignature"),
            (NID_ext_key_usage, "serverAuth"),
            (NID_subject_alt_name, alternativeNames),
            (NID_subject_key_identifier, "hash"),
            (NID_authority_key_identifier, "keyid:always"),
        ]
        for (nid, value) in extensions {
            try certificate.addExtension(nid, value, issuer: issuer, issuerKey: issuerKey.pkey)
        }
        try certificate.sign(with: issuerKey.pkey)
        return try certificate.pem()
    }

    private static func checkSigningKey(_ key: ECKey, _ validDays: Int) throws {
        guard key.hasPrivateKey else { throw CryptoError(.invalidKey, "certificate signing needs the EC private key") }
        guard validDays > 0 else { throw CryptoError(.invalidInput, "validity must be at least one day") }
    }
}
