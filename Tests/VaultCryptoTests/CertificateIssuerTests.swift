// VaultCryptoTests: the local CA and server certificates, checked with openssl(1) and Python ssl.

import Foundation
import VaultCrypto
import XCTest

final class CertificateIssuerTests: XCTestCase {
    let names: [SubjectAlternativeName] = [.dns("localhost"), .dns("*.localhost"), .dns("*.vault.localhost"),
                                           .ip("127.0.0.1"), .ip("::1")]

    struct Issued { let caPEM, serverPEM, serverKeyPEM: String; let caKey: ECKey }

    func issue() throws -> Issued {
        let caKey = try ECKey.generate(curve: .p256)
        let caPEM = try CertificateIssuer.selfSignedCA(commonName: "Vault Emulator Test CA", key: caKey, validDays: 30)
        let serverKey = try ECKey.generate(curve: .p256)
        let serverPEM = try CertificateIssuer.serverCertificate(commonName: "localhost", names: names, key: serverKey,
                                                                issuerPEM: caPEM, issuerKey: caKey, validDays: 7)
        return Issued(caPEM: caPEM, serverPEM: serverPEM, serverKeyPEM: try serverKey.pem(), caKey: caKey)
    }

    func openssl(_ arguments: [String]) throws -> ExternalTool.Result {
        let result = try ExternalTool.run(["openssl"] + arguments)
        XCTAssertEqual(result.status, 0, "openssl \(arguments.joined(separator: " ")): \(result.error)")
        return result
    }

    func testOpenSSLVerifiesChainAndShowsExtensions() throws {
        let issued = try issue()
        XCTAssertTrue(issued.caPEM.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
        let dir = TemporaryDirectory.shared
        let caFile = try dir.write(issued.caPEM, named: "ca-\(UUID().uuidString).pem")
        let serverFile = try dir.write(issued.serverPEM, named: "server-\(UUID().uuidString).pem")

        let verify = try openssl(["verify", "-x509_strict", "-CAfile", caFile, serverFile])
        XCTAssertEqual(verify.output.trimmingCharacters(in: .whitespacesAndNewlines), "\(serverFile): OK")

        let server = try openssl(["x509", "-in", serverFile, "-noout", "-text"]).output
        XCTAssertTrue(server.contains("Version: 3 (0x2)"))
        XCTAssertTrue(server.contains("Signature Algorithm: ecdsa-with-SHA256"))
        XCTAssertTrue(server.contains("Subject: CN = localhost"))
        XCTAssertTrue(server.contains("Issuer: CN = Vault Emulator Test CA"))
        XCTAssertTrue(server.contains("DNS:localhost, DNS:*.localhost, DNS:*.vault.localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1"),
                      server)
        XCTAssertTrue(server.contains("X509v3 Basic Constraints: critical\n                CA:FALSE"))
        XCTAssertTrue(server.contains("X509v3 Key Usage: critical\n                Digital Signature\n"))
        XCTAssertTrue(server.contains("TLS Web Server Authentication"))
        XCTAssertTrue(server.contains("X509v3 Authority Key Identifier"))

        let ca = try openssl(["x509", "-in", caFile, "-noout", "-text"]).output
        XCTAssertTrue(ca.contains("X509v3 Basic Constraints: critical\n                CA:TRUE"))
        XCTAssertTrue(ca.contains("Certificate Sign, CRL Sign"))
        XCTAssertTrue(ca.contains("X509v3 Subject Key Identifier"))
        XCTAssertTrue(ca.contains("Public Key Algorithm: id-ecPublicKey"))
    }

    /// notBefore is back-dated one hour; notAfter is `validDays` later than now; the serial is 16 bytes.
    func testValidityWindowAndSerial() throws {
        let issued = try issue()
        let file = try TemporaryDirectory.shared.write(issued.serverPEM, named: "dates-\(UUID().uuidString).pem")
        let output = try openssl(["x509", "-in", file, "-noout", "-startdate", "-enddate", "-serial", "-dateopt", "iso_8601"]).output
        var fields: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        let notBefore = try XCTUnwrap(fields["notBefore"].flatMap { format.date(from: $0.replacingOccurrences(of: "Z", with: "")) })
        let notAfter = try XCTUnwrap(fields["notAfter"].flatMap { format.date(from: $0.replacingOccurrences(of: "Z", with: "")) })
        XCTAssertEqual(notBefore.timeIntervalSinceNow, -3600, accuracy: 120)
        XCTAssertEqual(notAfter.timeIntervalSinceNow, 7 * 86400, accuracy: 120)
        let serial = try XCTUnwrap(fields["serial"])
        XCTAssertEqual(serial.count, 32, serial)
    }

    func testPythonSSLAcceptsChainForEachName() throws {
        try ExternalTool.requirePythonCryptography()
        let issued = try issue()
        let dir = TemporaryDirectory.shared, id = UUID().uuidString
        let input: [String: Any] = [
            "ca": try dir.write(issued.caPEM, named: "py-ca-\(id).pem"),
            "cert": try dir.write(issued.serverPEM, named: "py-cert-\(id).pem"),
            "key": try dir.write(issued.serverKeyPEM, named: "py-key-\(id).pem"),
            "hosts": ["localhost", "kv1.vault.localhost", "127.0.0.1", "::1", "example.com"],
        ]
        let results = try XCTUnwrap(ExternalTool.pythonCheck("tls", input) as? [String])
        XCTAssertEqual(Array(results.prefix(4)), ["ok", "ok", "ok", "ok"])
        // A name that is not in the SANs must be refused, proving hostname checks ran.
        XCTAssertTrue(results.last?.contains("CERTIFICATE_VERIFY_FAILED") == true, results.last ?? "")
    }

    func testRejectsMismatchedIssuerKeyAndBadInput() throws {
        let issued = try issue()
        let serverKey = try ECKey.generate(curve: .p256)
        let otherKey = try ECKey.generate(curve: .p256)
        XCTAssertCryptoError(.invalidKey, try CertificateIssuer.serverCertificate(
            commonName: "localhost", names: names, key: serverKey, issuerPEM: issued.caPEM, issuerKey: otherKey, validDays: 1))
        XCTAssertCryptoError(.invalidInput, try CertificateIssuer.serverCertificate(
            commonName: "localhost", names: [.dns("a,IP:1.2.3.4")], key: serverKey, issuerPEM: issued.caPEM,
            issuerKey: issued.caKey, validDays: 1))
        XCTAssertCryptoError(.invalidInput, try CertificateIssuer.serverCertificate(
            commonName: "localhost", names: [.ip("999.1.1.1")], key: serverKey, issuerPEM: issued.caPEM,
            issuerKey: issued.caKey, validDays: 1))
        XCTAssertCryptoError(.invalidInput, try CertificateIssuer.serverCertificate(
            commonName: "localhost", names: names, key: serverKey, issuerPEM: "not a certificate",
            issuerKey: issued.caKey, validDays: 1))
        XCTAssertCryptoError(.invalidInput, try CertificateIssuer.serverCertificate(
            commonName: "localhost", names: names, key: serverKey, issuerPEM: issued.serverPEM,
            issuerKey: issued.caKey, validDays: 1))
        XCTAssertCryptoError(.invalidInput, try CertificateIssuer.selfSignedCA(commonName: "CA", key: serverKey, validDays: 0))
    }
}
