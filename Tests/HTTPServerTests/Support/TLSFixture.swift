// HTTPServerTests: a throwaway CA, intermediate and server certificate made with the openssl CLI.

import Foundation
import XCTest

/// PEM files for one test process: root CA -> intermediate CA -> server certificate for
/// localhost, kv1.vault.localhost, 127.0.0.1 and ::1 (P-256 keys, valid two days).
struct TLSFixture: Sendable {
    let directory: String
    /// The root certificate only: clients trust it, so the server must send the intermediate.
    let caFile: String
    /// Server certificate followed by the intermediate.
    let chainPEM: String
    let keyPEM: String

    static let shared: Result<TLSFixture, CommandError> = Result(catching: make)

    /// One directory per test process, removed at exit (certificates and request body files).
    static let scratchDirectory = NSTemporaryDirectory()
        + "httpserver-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"

    static func load() throws -> TLSFixture { try shared.get() }

    private static func make() throws(CommandError) -> TLSFixture {
        let directory = scratchDirectory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CommandError(message: "cannot create \(directory)")
        }
        atexit { try? FileManager.default.removeItem(atPath: TLSFixture.scratchDirectory) }
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        func openssl(_ arguments: [String]) throws(CommandError) {
            let result = try Command.run("/usr/bin/openssl", arguments, in: directory)
            guard result.status == 0 else {
                throw CommandError(message: "openssl \(arguments.first ?? "") failed: \(result.standardErrorText)")
            }
        }
        try openssl(["req", "-x509"] + ec + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                     "-subj", "/CN=HTTPServer Test Root", "-addext", "basicConstraints=critical,CA:TRUE",
                     "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        try write("basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n",
                  to: directory + "/intermediate.ext")
        try openssl(["req"] + ec + ["-keyout", "intermediate.key", "-out", "intermediate.csr",
                     "-subj", "/CN=HTTPServer Test Intermediate"])
        try openssl(["x509", "-req", "-in", "intermediate.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                     "-CAcreateserial", "-out", "intermediate.pem", "-days", "2", "-extfile", "intermediate.ext"])
        try write("""
            basicConstraints=critical,CA:FALSE
            keyUsage=critical,digitalSignature
            extendedKeyUsage=serverAuth
            subjectAltName=DNS:localhost,DNS:kv1.vault.localhost,IP:127.0.0.1,IP:::1

            """, to: directory + "/server.ext")
        try openssl(["req"] + ec + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"])
        try openssl(["x509", "-req", "-in", "server.csr", "-CA", "intermediate.pem", "-CAkey", "intermediate.key",
                     "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext"])
        let chain = try read(directory + "/server.pem") + read(directory + "/intermediate.pem")
        return TLSFixture(directory: directory, caFile: directory + "/ca.pem", chainPEM: chain,
                          keyPEM: try read(directory + "/server.key"))
    }

    /// A second, unrelated key (for the mismatch test).
    func otherKeyPEM() throws -> String {
        let name = "other-\(UUID().uuidString).key"
        let result = try Command.run("/usr/bin/openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt",
                                                          "ec_paramgen_curve:prime256v1", "-out", name], in: directory)
        XCTAssertEqual(result.status, 0, result.standardErrorText)
        return try Self.read(directory + "/" + name)
    }

    static func write(_ text: String, to path: String) throws(CommandError) {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw CommandError(message: "cannot write \(path)")
        }
    }

    static func read(_ path: String) throws(CommandError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandError(message: "cannot read \(path)") }
        return String(decoding: data, as: UTF8.self)
    }
}
