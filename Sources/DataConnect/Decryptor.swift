// DataConnect: the customer's side: unwrap the drop key with the vault, decrypt, gunzip and verify.

import Foundation
import VaultCrypto

/// What `decrypt` verified.
public struct VerificationSummary: Sendable, Equatable {
    public let files: Int
    public let rows: Int

    /// `verified N files, M rows`.
    public var verdict: String { "verified \(files) files, \(rows) rows" }
}

/// `dataconnect-agent decrypt`: reads run.json and encryptionKeyDetails.json, asks the vault (as the
/// admin of connection.json) to decrypt the wrapped AES key with the recorded key version and
/// algorithm, then streams every file through AES-256-CBC and gunzip into the output directory,
/// checking each plaintext's SHA-256 and row count against run.json. A clear drop is copied and
/// checked the same way. A file that does not match is not left in the output.
public struct Decryptor {
    public static let chunkSize = 1 << 20

    private let connectionPath: String
    private let drop: URL
    private let output: URL
    private let console: any AgentConsole
    private let transport: DeliveryRun.TransportFactory

    public init(connectionPath: String, drop: String, output: String, console: any AgentConsole,
                transport: @escaping DeliveryRun.TransportFactory = { CurlVaultTransport(caFile: $0.caCertFile) }) {
        self.connectionPath = connectionPath
        self.drop = URL(fileURLWithPath: drop)
        self.output = URL(fileURLWithPath: output)
        self.console = console
        self.transport = transport
    }

    public func run() throws -> VerificationSummary {
        guard drop.standardizedFileURL.resolvingSymlinksInPath().path != output.standardizedFileURL.resolvingSymlinksInPath().path else {
            throw DataConnectError(.usage, "--output must differ from --drop (decrypting in place would destroy the drop)")
        }
        let layout = DropLayout(root: drop)
        let report = try JSONInput.decodeFile(RunReport.self, path: layout.runReport.path, failure: .verificationFailed,
                                              missingHint: " (is --drop the <runId> directory of a finished run?)")
        guard report.status != .failed else {
            throw DataConnectError(.verificationFailed, "the run \(report.runId) failed (\(report.error ?? "no reason recorded")); its drop holds no data")
        }
        for entry in report.files where !Decryptor.isSafeFileName(entry.name) {
            throw DataConnectError(.verificationFailed, "run.json lists a file name that is not <guid>.json: \(entry.name)")
        }
        console.step("Drop \(report.runId): \(report.dataset), \(report.files.count) files, \(report.encrypted ? "encrypted" : "not encrypted")")
        let envelope = report.encrypted ? try unwrapEnvelope(report: report, layout: layout) : nil

        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            throw DataConnectError(.runFailed, "cannot create the output directory \(output.path)")
        }
        var rows = 0
        for entry in report.files {
            rows += try verify(entry, from: layout.dataFile(entry.name), envelope: envelope)
            console.step("\(entry.name): \(entry.rows) rows, SHA-256 matches run.json")
        }
        let summary = VerificationSummary(files: report.files.count, rows: rows)
        console.step(summary.verdict)
        return summary
    }

    /// Reads the key details, checks them against run.json, and has the vault decrypt the AES key.
    private func unwrapEnvelope(report: RunReport, layout: DropLayout) throws -> DropEnvelope {
        guard report.cipher == RunReport.cipherName, report.compression == RunReport.compressionName else {
            throw DataConnectError(.verificationFailed,
                "run.json names cipher \(report.cipher ?? "null") and compression \(report.compression ?? "null"); only \(RunReport.cipherName) with \(RunReport.compressionName) is supported")
        }
        guard let keyIdText = report.keyId, let keyId = KeyIdentifier(keyIdText) else {
            throw DataConnectError(.verificationFailed, "run.json keyId is not a versioned key id: \(report.keyId ?? "null")")
        }
        guard let algorithmName = report.wrapAlgorithm, let algorithm = KeyWrapAlgorithm(rawValue: algorithmName) else {
            throw DataConnectError(.verificationFailed, "run.json wrapAlgorithm is not one of \(KeyWrapAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let details = try JSONInput.decodeFile(EncryptionKeyDetails.self, path: layout.keyDetails.path, failure: .verificationFailed).DecryptionKeyDetails
        guard details.PublicKeyVersion.lowercased() == keyId.version.lowercased() else {
            throw DataConnectError(.verificationFailed,
                "encryptionKeyDetails.json PublicKeyVersion \(details.PublicKeyVersion) differs from the version in run.json keyId \(keyId.version)")
        }
        guard let wrapped = Data(base64Encoded: details.DecryptionKeyValue), !wrapped.isEmpty else {
            throw DataConnectError(.verificationFailed, "encryptionKeyDetails.json DecryptionKeyValue is not standard Base64")
        }
        guard let iv = Data(base64Encoded: details.DecryptionKeyIV), iv.count == DropEnvelope.ivLength else {
            throw DataConnectError(.verificationFailed, "encryptionKeyDetails.json DecryptionKeyIV is not the Base64 of 16 bytes")
        }

        let connection = try ConnectionFile.load(path: connectionPath)
        console.step("Authenticating as the admin (\(connection.admin.clientId)) and asking \(keyId.vault.text) to decrypt the AES key with \(keyId.name) version \(keyId.version) (\(algorithm.rawValue))")
        let client = VaultClient(transport: transport(connection), credential: connection.admin,
                                 authorityHost: connection.authorityHost, tenantId: connection.tenantId,
                                 progress: { console.step($0) })
        let key = try client.decrypt(key: KeyIdentifier(vault: keyId.vault, name: keyId.name, version: details.PublicKeyVersion),
                                     algorithm: algorithm, ciphertext: wrapped)
        guard key.count == DropEnvelope.keyLength else {
            throw DataConnectError(.verificationFailed, "the vault's decrypt returned \(key.count) bytes; an AES-256 key has 32")
        }
        return DropEnvelope(key: key, iv: iv)
    }

    /// Streams one file into the output directory; returns its row count when it matches run.json.
    private func verify(_ entry: RunReport.FileEntry, from source: URL, envelope: DropEnvelope?) throws -> Int {
        guard let input = FileHandle(forReadingAtPath: source.path) else {
            throw DataConnectError(.verificationFailed, "\(entry.name) is listed in run.json but missing from the drop")
        }
        defer { try? input.close() }
        let decoder = try EnvelopeDecoder(envelope: envelope, fileName: entry.name)
        let writer = try StreamingFileWriter(destination: output.appendingPathComponent(entry.name))
        var hasher = StreamingSHA256()
        var lines = 0
        func take(_ plaintext: Data) throws {
            hasher.update(plaintext)
            lines += plaintext.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            try writer.write(plaintext)
        }
        do {
            while true {
                let chunk: Data
                do {
                    chunk = try input.read(upToCount: Decryptor.chunkSize) ?? Data()
                } catch {
                    throw DataConnectError(.verificationFailed, "\(entry.name) cannot be read")
                }
                if chunk.isEmpty { break }
                try take(try decoder.update(chunk))
            }
            try take(try decoder.finish())
            let digest = hasher.finalizeHex()
            guard digest == entry.plaintextSha256.lowercased() else {
                throw DataConnectError(.verificationFailed, "\(entry.name): plaintext SHA-256 \(digest) does not match run.json (\(entry.plaintextSha256))")
            }
            guard lines == entry.rows else {
                throw DataConnectError(.verificationFailed, "\(entry.name): \(lines) rows, run.json says \(entry.rows)")
            }
            try writer.commit()
        } catch {
            writer.discard()
            throw error
        }
        return lines
    }

    /// `<guid>.json` only, so run.json cannot direct writes outside the output directory.
    static func isSafeFileName(_ name: String) -> Bool {
        name.hasSuffix(".json") && GUIDText.isGUID(String(name.dropLast(".json".count)))
    }
}
