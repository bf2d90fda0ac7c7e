// DataConnect: the drop's metadata files: run.json (ours) and encryptionKeyDetails.json (documented).

import Foundation

/// `metadata/run.json`: what a run delivered, so `decrypt` (or any consumer) can verify it.
/// Emulator-specific; the real service documents no such file.
///
/// Written with `JSONValue` so the fields keep this order; optional members are `null`, never left out.
public struct RunReport: Decodable, Sendable, Equatable {
    public enum Status: String, Decodable, Sendable {
        case succeeded = "Succeeded"
        case succeededWithWarnings = "SucceededWithWarnings"
        case failed = "Failed"
    }

    /// One data file: its name in the drop, its row count, and SHA-256 (hex) of its JSON-lines plaintext.
    public struct FileEntry: Decodable, Sendable, Equatable {
        public let name: String
        public let rows: Int
        public let plaintextSha256: String

        public init(name: String, rows: Int, plaintextSha256: String) {
            self.name = name
            self.rows = rows
            self.plaintextSha256 = plaintextSha256
        }
    }

    public static let cipherName = "AES-256-CBC/PKCS7"
    public static let compressionName = "gzip"

    public var runId: String
    public var appId: String
    public var tenantId: String
    public var dataset: String
    public var columns: [String]
    /// Our addition: the undocumented bookkeeping columns every row also carries.
    public var systemColumns: [String]
    /// Our addition: the seed the rows were generated from (same seed, same rows and file names).
    public var seed: UInt64
    public var encrypted: Bool
    /// The full versioned key id (`https://{vault}/keys/{tenantId}/{version}`) or nil when clear.
    public var keyId: String?
    /// `RSA-OAEP-256`, `RSA-OAEP` or `RSA1_5`; nil when clear.
    public var wrapAlgorithm: String?
    /// `AES-256-CBC/PKCS7` or nil.
    public var cipher: String?
    /// `gzip` or nil.
    public var compression: String?
    public var files: [FileEntry]
    public var status: Status
    public var warnings: [String]
    /// Our addition: why a Failed run failed (nil otherwise).
    public var error: String?
    public var startedAt: String
    public var finishedAt: String

    public init(runId: String, appId: String, tenantId: String, dataset: String, columns: [String], systemColumns: [String],
                seed: UInt64, encrypted: Bool, keyId: String?, wrapAlgorithm: String?, cipher: String?, compression: String?,
                files: [FileEntry], status: Status, warnings: [String], error: String?, startedAt: String, finishedAt: String) {
        self.runId = runId; self.appId = appId; self.tenantId = tenantId; self.dataset = dataset; self.columns = columns
        self.systemColumns = systemColumns; self.seed = seed; self.encrypted = encrypted; self.keyId = keyId
        self.wrapAlgorithm = wrapAlgorithm; self.cipher = cipher; self.compression = compression; self.files = files
        self.status = status; self.warnings = warnings; self.error = error; self.startedAt = startedAt; self.finishedAt = finishedAt
    }

    /// The report as an ordered JSON value: fields in the order above, optionals as `null`.
    public var json: JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        return .object([
            ("runId", .string(runId)), ("appId", .string(appId)), ("tenantId", .string(tenantId)),
            ("dataset", .string(dataset)), ("columns", .array(columns.map(JSONValue.string))),
            ("systemColumns", .array(systemColumns.map(JSONValue.string))),
            ("seed", .int(Int64(seed))),   // at most DeliveryOptions.maximumSeed (2^53 - 1)
            ("encrypted", .bool(encrypted)), ("keyId", optional(keyId)), ("wrapAlgorithm", optional(wrapAlgorithm)),
            ("cipher", optional(cipher)), ("compression", optional(compression)),
            ("files", .array(files.map { .object([("name", .string($0.name)), ("rows", .int(Int64($0.rows))),
                                                  ("plaintextSha256", .string($0.plaintextSha256))]) })),
            ("status", .string(status.rawValue)), ("warnings", .array(warnings.map(JSONValue.string))),
            ("error", optional(error)), ("startedAt", .string(startedAt)), ("finishedAt", .string(finishedAt)),
        ])
    }

    /// Pretty-printed JSON with a final newline.
    public func jsonData() -> Data {
        json.prettySerialized()
    }
}

/// `metadata/MoreMetadata/EncryptedDatasets/encryptionKeyDetails.json`, with the documented names:
/// `{"DecryptionKeyDetails":{"PublicKeyVersion":..,"DecryptionKeyValue":..,"DecryptionKeyIV":..}}`.
/// Values are standard, padded Base64 (not base64url).
public struct EncryptionKeyDetails: Decodable, Sendable, Equatable {
    public struct Details: Decodable, Sendable, Equatable {
        public let PublicKeyVersion: String
        public let DecryptionKeyValue: String
        public let DecryptionKeyIV: String
    }

    public static let relativePath = "metadata/MoreMetadata/EncryptedDatasets/encryptionKeyDetails.json"

    public let DecryptionKeyDetails: Details

    public init(publicKeyVersion: String, wrappedKey: Data, iv: Data) {
        DecryptionKeyDetails = Details(PublicKeyVersion: publicKeyVersion,
                                       DecryptionKeyValue: wrappedKey.base64EncodedString(),
                                       DecryptionKeyIV: iv.base64EncodedString())
    }

    public func jsonData() -> Data {
        JSONValue.object([("DecryptionKeyDetails", .object([
            ("PublicKeyVersion", .string(DecryptionKeyDetails.PublicKeyVersion)),
            ("DecryptionKeyValue", .string(DecryptionKeyDetails.DecryptionKeyValue)),
            ("DecryptionKeyIV", .string(DecryptionKeyDetails.DecryptionKeyIV)),
        ]))]).prettySerialized()
    }
}
