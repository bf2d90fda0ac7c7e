// Emulator: the local CA (made once) and the server certificate (issued at each start).

import Foundation
import VaultCrypto

/// The CA is created on first start and reused, so a client that trusts `tls/ca.pem` keeps
/// trusting the emulator. The server certificate is issued again at every start (EC P-256: about a
/// millisecond), so its names always match the current `--dns-suffix` and `--tls-san` flags.
struct TLSMaterial {
    let certificateChainPEM: String
    let privateKeyPEM: String

    static func prepare(in directory: DataDirectory, dnsSuffix: String, extraNames: [String]) throws -> TLSMaterial {
        let fm = FileManager.default
        let caKey: ECKey
        let caPEM: String
        if fm.fileExists(atPath: directory.caCertificate.path), fm.fileExists(atPath: directory.caKey.path),
           let keyPEM = try? String(contentsOf: directory.caKey, encoding: .utf8),
           let pem = try? String(contentsOf: directory.caCertificate, encoding: .utf8),
           let der = PEMBlock.decode(keyPEM) {
            caKey = try ECKey(pkcs8DER: der)
            caPEM = pem
        } else {
            caKey = try ECKey.generate(curve: .p256)
            caPEM = try CertificateIssuer.selfSignedCA(commonName: "Key Vault Emulator Local CA", key: caKey, validDays: 3650)
            try DataDirectory.writeAtomically(Data(try caKey.pem().utf8), to: directory.caKey, permissions: 0o600)
            try DataDirectory.writeAtomically(Data(caPEM.utf8), to: directory.caCertificate)
        }
        let serverKey = try ECKey.generate(curve: .p256)
        let names = subjectAlternativeNames(dnsSuffix: dnsSuffix, extra: extraNames)
        let serverPEM = try CertificateIssuer.serverCertificate(commonName: dnsSuffix, names: names, key: serverKey,
                                                                issuerPEM: caPEM, issuerKey: caKey, validDays: 365)
        let keyPEM = try serverKey.pem()
        try DataDirectory.writeAtomically(Data((serverPEM + caPEM).utf8), to: directory.serverCertificate)
        try DataDirectory.writeAtomically(Data(keyPEM.utf8), to: directory.serverKey, permissions: 0o600)
        return TLSMaterial(certificateChainPEM: serverPEM + caPEM, privateKeyPEM: keyPEM)
    }

    /// Every host the emulator answers: `login.`, `management.`, `portal.` and `*.vault.` under
    /// the suffix, the suffix itself, `localhost`, the loopback addresses, `host.docker.internal`,
    /// plus the user's extra names. TLS clients (OpenSSL, libcurl) refuse a wildcard over a single
    /// label such as `*.localhost`, so the service hosts are named one by one.
    static func subjectAlternativeNames(dnsSuffix: String, extra: [String]) -> [SubjectAlternativeName] {
        var dns = ["localhost", "host.docker.internal"]
        for suffix in Set(["localhost", dnsSuffix]).sorted() {
            dns += [suffix, "login.\(suffix)", "management.\(suffix)", "portal.\(suffix)", "*.vault.\(suffix)"]
        }
        var seen = Set<String>()
        var names = dns.filter { seen.insert($0).inserted }.map(SubjectAlternativeName.dns) + [.ip("127.0.0.1"), .ip("::1")]
        for name in extra {
            names.append(name.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? .ip(name) : .dns(name))
        }
        return names
    }
}

/// Reads the base64 body of a single PEM block.
enum PEMBlock {
    static func decode(_ pem: String) -> Data? {
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        return Data(base64Encoded: body)
    }
}
