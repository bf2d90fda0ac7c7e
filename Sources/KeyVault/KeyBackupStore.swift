// KeyVault: SQL of backup and restore — the emulator's backup key and whole-key inserts.

import Foundation
import ServiceCore
import Storage
import Synchronization
import VaultCrypto

extension KeyStore {
    /// The emulator's AES-256 backup key: made once per data directory (first backup or
    /// restore), kept in `keyvault_backup_key`, never returned by any API.
    func backupKey(now: Int64) throws -> Data {
        try database.transaction {
            if let key = try database.query("SELECT key FROM keyvault_backup_key WHERE id = 1").first?.data("key") {
                return key
            }
            let key = SecureRandom.bytes(AESGCM.keyLength)
            try database.execute("INSERT INTO keyvault_backup_key (id, key, created) VALUES (1, ?, ?)", [.blob(key), .integer(now)])
            return key
        }
    }

    /// Name, current version and rotation policy of an active key.
    func keyRow(vault: String, nameLower: String) throws -> (name: String, currentVersion: String, rotationPolicy: String?)? {
        guard let row = try database.query("""
            SELECT name, current_version, rotation_policy FROM keys WHERE vault = ? AND name_lower = ? AND deleted_date IS NULL
            """, [.text(vault), .text(nameLower)]).first,
              let name = row.string("name"), let current = row.string("current_version") else { return nil }
        return (name, current, row.string("rotation_policy"))
    }

    /// Replaces the rotation policy JSON of an active key.
    func setRotationPolicy(vault: String, nameLower: String, json: String) throws {
        try database.execute("UPDATE keys SET rotation_policy = ? WHERE vault = ? AND name_lower = ? AND deleted_date IS NULL",
                             [.text(json), .text(vault), .text(nameLower)])
    }

    /// Inserts a whole key from a backup (every version, current version, rotation policy) in one
    /// transaction; 409 when any key, active or deleted, holds the name.
    func insertRestoredKey(vault: String, name: String, currentVersion: String, rotationPolicy: String?,
                           versions: [(record: KeyVersionRecord, privateKey: Data)]) throws {
        let nameLower = name.lowercased()
        try database.transaction {
            switch try state(vault: vault, nameLower: nameLower) {
            case .active(let existing): throw ServiceError.keyAlreadyExists(name: existing)
            case .deleted(let existing): throw ServiceError.keyIsDeletedButRecoverable(name: existing)
            case .absent: break
            }
            let created = versions.map(\.record.created).min() ?? 0
            try database.execute("""
                INSERT INTO keys (vault, name_lower, name, current_version, created, rotation_policy) VALUES (?, ?, ?, ?, ?, ?)
                """, [.text(vault), .text(nameLower), .text(name), .text(currentVersion), .integer(created),
                      rotationPolicy.map { .text($0) } ?? .null])
            for version in versions {
                try insertVersionRow(vault: vault, record: version.record, privateKey: version.privateKey)
            }
        }
    }
}

/// The backup key, read once from the store and then kept in memory.
final class BackupKeyHolder: Sendable {
    private let key = Mutex<Data?>(nil)

    func key(from store: KeyStore, now: Int64) throws -> Data {
        if let cached = key.withLock({ $0 }) { return cached }
        let loaded = try store.backupKey(now: now)
        key.withLock { $0 = loaded }
        return loaded
    }
}
