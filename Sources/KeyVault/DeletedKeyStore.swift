// KeyVault: SQL of soft delete — marking, listing, recovering and purging deleted keys.

import Foundation
import ServiceCore
import Storage

/// A soft-deleted key: its current version as it was when deleted, and the two dates.
struct DeletedKeyRecord: Sendable, Equatable {
    var record: KeyVersionRecord
    var deletedDate: Int64
    var scheduledPurgeDate: Int64
}

extension KeyStore {
    private static let deletedColumns = """
        k.name, v.version, v.kty, v.key_size, v.crv, v.key_ops, v.enabled, v.nbf, v.exp, v.created, v.updated, v.tags,
        k.rotation_policy, k.deleted_date, k.scheduled_purge_date
        """

    /// The deleted key `nameLower`, if it is in the deleted state.
    func deletedKey(vault: String, nameLower: String) throws -> DeletedKeyRecord? {
        try database.query("""
            SELECT \(Self.deletedColumns) FROM keys k JOIN key_versions v
              ON v.vault = k.vault AND v.name_lower = k.name_lower AND v.version = k.current_version
            WHERE k.vault = ? AND k.name_lower = ? AND k.deleted_date IS NOT NULL
            """, [.text(vault), .text(nameLower)]).first.map(Self.deletedRecord(from:))
    }

    /// Deleted keys whose `name_lower` sorts after `after`, in name order (keyset paging).
    func deletedKeys(vault: String, after: String?, limit: Int) throws -> [DeletedKeyRecord] {
        try database.query("""
            SELECT \(Self.deletedColumns) FROM keys k JOIN key_versions v
              ON v.vault = k.vault AND v.name_lower = k.name_lower AND v.version = k.current_version
            WHERE k.vault = ? AND k.deleted_date IS NOT NULL AND k.name_lower > ?
            ORDER BY k.name_lower LIMIT ?
            """, [.text(vault), .text(after ?? ""), .integer(Int64(limit))]).map(Self.deletedRecord(from:))
    }

    /// Moves an active key (every version) to the deleted state. `false` when it was not active.
    func markDeleted(vault: String, nameLower: String, deletedDate: Int64, scheduledPurgeDate: Int64) throws -> Bool {
        try database.transaction {
            guard case .active = try state(vault: vault, nameLower: nameLower) else { return false }
            try database.execute("""
                UPDATE keys SET deleted_date = ?, scheduled_purge_date = ? WHERE vault = ? AND name_lower = ?
                """, [.integer(deletedDate), .integer(scheduledPurgeDate), .text(vault), .text(nameLower)])
            return true
        }
    }

    /// Returns a deleted key to the active state. `false` when it was not deleted.
    func recover(vault: String, nameLower: String) throws -> Bool {
        try database.transaction {
            guard case .deleted = try state(vault: vault, nameLower: nameLower) else { return false }
            try database.execute("""
                UPDATE keys SET deleted_date = NULL, scheduled_purge_date = NULL WHERE vault = ? AND name_lower = ?
                """, [.text(vault), .text(nameLower)])
            return true
        }
    }

    /// Removes a key and all its versions for good (purge, or delete without soft delete).
    func removeKey(vault: String, nameLower: String) throws {
        try database.transaction {
            try database.execute("DELETE FROM key_versions WHERE vault = ? AND name_lower = ?", [.text(vault), .text(nameLower)])
            try database.execute("DELETE FROM keys WHERE vault = ? AND name_lower = ?", [.text(vault), .text(nameLower)])
        }
    }

    /// Purges the deleted keys of a vault whose scheduled purge date is `now` or earlier; returns
    /// their `name_lower` values (so cached material can be dropped). Looks first without a
    /// transaction: a transaction moves the database generation, which would empty the read
    /// caches (vaults, RBAC) on every deleted-key read.
    func purgeExpired(vault: String, now: Int64) throws -> [String] {
        let due = """
            SELECT name_lower FROM keys WHERE vault = ? AND deleted_date IS NOT NULL AND scheduled_purge_date <= ?
            """
        guard try !database.query(due, [.text(vault), .integer(now)]).isEmpty else { return [] }
        return try database.transaction {
            let names = try database.query(due, [.text(vault), .integer(now)]).compactMap { $0.string("name_lower") }
            for name in names {
                try database.execute("DELETE FROM key_versions WHERE vault = ? AND name_lower = ?", [.text(vault), .text(name)])
                try database.execute("DELETE FROM keys WHERE vault = ? AND name_lower = ?", [.text(vault), .text(name)])
            }
            return names
        }
    }

    private static func deletedRecord(from row: Row) throws -> DeletedKeyRecord {
        guard let deleted = row.int("deleted_date"), let purge = row.int("scheduled_purge_date") else {
            throw ServiceError.storedKeyUnreadable()
        }
        return DeletedKeyRecord(record: try record(from: row), deletedDate: deleted, scheduledPurgeDate: purge)
    }
}
