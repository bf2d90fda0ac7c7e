// KeyVault: SQL access to the keys tables; nothing here knows about requests or wire models.

import Foundation
import ServiceCore
import Storage

/// Reads and writes `keys` / `key_versions`. Vault names are passed already lower-cased
/// (``VaultInfo/storageName``), key names as `name_lower`. The reads here see active keys only:
/// a soft-deleted key (`deleted_date` set) is visible through `DeletedKeyStore.swift` alone.
struct KeyStore: Sendable {
    let database: Database
    /// Version reads (every get, sign, decrypt... starts with one) kept until the database changes.
    private let records: ReadCache<RecordKey, KeyVersionRecord?>

    private struct RecordKey: Hashable, Sendable {
        let vault: String
        let nameLower: String
        let version: String
    }

    init(database: Database) {
        self.database = database
        records = ReadCache(database: database)
    }

    private static let versionColumns = """
        k.name, v.version, v.kty, v.key_size, v.crv, v.key_ops, v.enabled, v.nbf, v.exp, v.created, v.updated, v.tags,
        k.rotation_policy
        """

    // MARK: Reads

    /// The version `version` of key `nameLower`, or its current version when `version` is empty.
    func record(vault: String, nameLower: String, version: String) throws -> KeyVersionRecord? {
        try records.value(for: RecordKey(vault: vault, nameLower: nameLower, version: version.lowercased())) {
            try readRecord(vault: vault, nameLower: nameLower, version: version)
        }
    }

    private func readRecord(vault: String, nameLower: String, version: String) throws -> KeyVersionRecord? {
        let rows: [Row]
        if version.isEmpty {
            rows = try database.query("""
                SELECT \(Self.versionColumns) FROM keys k JOIN key_versions v
                  ON v.vault = k.vault AND v.name_lower = k.name_lower AND v.version = k.current_version
                WHERE k.vault = ? AND k.name_lower = ? AND k.deleted_date IS NULL
                """, [.text(vault), .text(nameLower)])
        } else {
            rows = try database.query("""
                SELECT \(Self.versionColumns) FROM keys k JOIN key_versions v
                  ON v.vault = k.vault AND v.name_lower = k.name_lower
                WHERE k.vault = ? AND k.name_lower = ? AND v.version = ? AND k.deleted_date IS NULL
                """, [.text(vault), .text(nameLower), .text(version.lowercased())])
        }
        return try rows.first.map(Self.record(from:))
    }

    /// The stored PKCS#8 private key of one version.
    func privateKey(vault: String, nameLower: String, version: String) throws -> Data? {
        try database.query("SELECT private_key FROM key_versions WHERE vault = ? AND name_lower = ? AND version = ?",
                           [.text(vault), .text(nameLower), .text(version)]).first?.data("private_key")
    }

    /// Current versions of the keys whose `name_lower` sorts after `after`, in name order.
    func currentVersions(vault: String, after: String?, limit: Int) throws -> [KeyVersionRecord] {
        try database.query("""
            SELECT \(Self.versionColumns) FROM keys k JOIN key_versions v
              ON v.vault = k.vault AND v.name_lower = k.name_lower AND v.version = k.current_version
            WHERE k.vault = ? AND k.name_lower > ? AND k.deleted_date IS NULL
            ORDER BY k.name_lower LIMIT ?
            """, [.text(vault), .text(after ?? ""), .integer(Int64(limit))]).map(Self.record(from:))
    }

    /// Versions of one key sorting after `after`, in version order.
    func versions(vault: String, nameLower: String, after: String?, limit: Int) throws -> [KeyVersionRecord] {
        try database.query("""
            SELECT \(Self.versionColumns) FROM keys k JOIN key_versions v
              ON v.vault = k.vault AND v.name_lower = k.name_lower
            WHERE k.vault = ? AND k.name_lower = ? AND v.version > ? AND k.deleted_date IS NULL
            ORDER BY v.version LIMIT ?
            """, [.text(vault), .text(nameLower), .text(after ?? ""), .integer(Int64(limit))]).map(Self.record(from:))
    }

    /// Whether a name is free, taken by an active key or held by a soft-deleted one.
    func state(vault: String, nameLower: String) throws -> KeyNameState {
        guard let row = try database.query("SELECT name, deleted_date FROM keys WHERE vault = ? AND name_lower = ?",
                                           [.text(vault), .text(nameLower)]).first,
              let name = row.string("name") else { return .absent }
        return row.int("deleted_date") == nil ? .active(name: name) : .deleted(name: name)
    }

    /// Every version of an active key, oldest id first, with its private key (backup).
    func allVersions(vault: String, nameLower: String) throws -> [(record: KeyVersionRecord, privateKey: Data)] {
        try database.query("""
            SELECT \(Self.versionColumns), v.private_key FROM keys k JOIN key_versions v
              ON v.vault = k.vault AND v.name_lower = k.name_lower
            WHERE k.vault = ? AND k.name_lower = ? AND k.deleted_date IS NULL
            ORDER BY v.version
            """, [.text(vault), .text(nameLower)]).map { row in
            guard let der = row.data("private_key") else { throw ServiceError.storedKeyUnreadable() }
            return (try Self.record(from: row), der)
        }
    }

    // MARK: Writes

    /// Adds a version and makes it current, creating the key row on first use; one transaction.
    /// Returns the record as stored (with the key's first casing of the name). A soft-deleted
    /// name is refused with 409 (checked again here, inside the transaction).
    func insertVersion(vault: String, record: KeyVersionRecord, privateKey: Data) throws -> KeyVersionRecord {
        try database.transaction {
            var stored = record
            switch try state(vault: vault, nameLower: record.nameLower) {
            case .deleted(let name):
                throw ServiceError.keyIsDeletedButRecoverable(name: name)
            case .active(let name):
                stored.name = name
                try database.execute("UPDATE keys SET current_version = ? WHERE vault = ? AND name_lower = ?",
                                      [.text(record.version), .text(vault), .text(record.nameLower)])
            case .absent:
                try database.execute("INSERT INTO keys (vault, name_lower, name, current_version, created) VALUES (?, ?, ?, ?, ?)",
                                      [.text(vault), .text(record.nameLower), .text(record.name), .text(record.version), .integer(record.created)])
            }
            try insertVersionRow(vault: vault, record: record, privateKey: privateKey)
            return stored
        }
    }

    /// One `key_versions` row (the caller holds the transaction and the `keys` row exists).
    func insertVersionRow(vault: String, record: KeyVersionRecord, privateKey: Data) throws {
        try database.execute("""
            INSERT INTO key_versions (vault, name_lower, version, kty, key_size, crv, private_key, key_ops,
                                      enabled, nbf, exp, created, updated, tags)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(vault), .text(record.nameLower), .text(record.version), .text(record.keyType.rawValue),
                  record.keySize.map { .integer(Int64($0)) } ?? .null, record.curve.map { .text($0) } ?? .null,
                  .blob(privateKey), .text(Self.json(record.operations)), .integer(record.enabled ? 1 : 0),
                  record.notBefore.map { .integer($0) } ?? .null, record.expires.map { .integer($0) } ?? .null,
                  .integer(record.created), .integer(record.updated), .text(Self.json(record.tags))])
    }

    /// Writes the mutable properties of one version (key_ops, attributes, tags, updated).
    func updateVersion(vault: String, record: KeyVersionRecord) throws {
        try database.transaction {
            try database.execute("""
                UPDATE key_versions SET key_ops = ?, enabled = ?, nbf = ?, exp = ?, updated = ?, tags = ?
                WHERE vault = ? AND name_lower = ? AND version = ?
                """, [.text(Self.json(record.operations)), .integer(record.enabled ? 1 : 0),
                      record.notBefore.map { .integer($0) } ?? .null, record.expires.map { .integer($0) } ?? .null,
                      .integer(record.updated), .text(Self.json(record.tags)),
                      .text(vault), .text(record.nameLower), .text(record.version)])
        }
    }

    /// Removes every key (and, by cascade, every version) of a vault.
    func deleteAll(vault: String) throws {
        try database.transaction {
            try database.execute("DELETE FROM key_versions WHERE vault = ?", [.text(vault)])
            try database.execute("DELETE FROM keys WHERE vault = ?", [.text(vault)])
        }
    }

    // MARK: Row mapping

    static func record(from row: Row) throws -> KeyVersionRecord {
        guard let name = row.string("name"), let version = row.string("version"),
              let kty = row.string("kty").flatMap(KeyType.init(rawValue:)),
              let created = row.int("created"), let updated = row.int("updated") else {
            throw ServiceError.storedKeyUnreadable()
        }
        return KeyVersionRecord(
            name: name, version: version, keyType: kty,
            keySize: row.int("key_size").map { Int($0) }, curve: row.string("crv"),
            operations: try decode([KeyOperationName].self, row.string("key_ops")),
            enabled: row.bool("enabled") ?? false,
            notBefore: row.int("nbf"), expires: row.int("exp"), created: created, updated: updated,
            tags: try decode([String: String].self, row.string("tags")), rotationPolicy: row.string("rotation_policy"))
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Arrays of enum strings and string maps always encode.
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "null"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) throws -> T {
        guard let text, let value = try? JSONDecoder().decode(type, from: Data(text.utf8)) else {
            throw ServiceError.storedKeyUnreadable()
        }
        return value
    }
}

/// What a key name holds in a vault.
enum KeyNameState: Sendable, Equatable {
    case absent
    case active(name: String)
    case deleted(name: String)
}
