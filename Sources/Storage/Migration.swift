// Storage: ordered, named schema migrations recorded in schema_migrations.

import Foundation

/// One named schema change. Names are the identity of a migration: never rename or edit a
/// migration that has shipped; append a new one.
///
/// `sql` may hold several statements. It runs inside a transaction, so it must not contain
/// BEGIN / COMMIT, and `PRAGMA foreign_keys` inside it has no effect.
public struct Migration: Sendable {
    public let name: String
    public let sql: String

    public init(_ name: String, _ sql: String) {
        self.name = name
        self.sql = sql
    }
}

extension Database {
    /// Applies, in array order, each migration not yet recorded in `schema_migrations`; each runs
    /// in its own transaction together with the row that records it, so a failed migration leaves
    /// neither its changes nor its record. Running the same list again is a no-op.
    ///
    /// Throws `.futureSchema` when the database records a migration that is not in the list: a
    /// newer build wrote it and this one must not touch it. Names must be unique (checked).
    ///
    /// ```swift
    /// try db.migrate([
    ///     Migration("001-vaults", "CREATE TABLE vaults(name TEXT PRIMARY KEY)"),
    ///     Migration("002-keys", "CREATE TABLE keys(vault TEXT NOT NULL REFERENCES vaults(name), name TEXT)"),
    /// ])
    /// ```
    public func migrate(_ migrations: [Migration]) throws {
        let names = migrations.map(\.name)
        precondition(Set(names).count == names.count, "migration names must be unique: \(names)")
        // Holding the writer lock keeps the check and the applies atomic for this process.
        try withWriter {
            try execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations(
                    name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)
                """)
            let applied = try query("SELECT name FROM schema_migrations").compactMap { $0.string("name") }
            let known = Set(names)
            if let unknown = applied.filter({ !known.contains($0) }).sorted().first {
                throw StorageError(.futureSchema, "database was written by a newer version: unknown migration \(unknown)")
            }
            for migration in migrations where !applied.contains(migration.name) {
                try apply(migration)
            }
        }
    }

    /// Runs one migration and records it. Re-checks the record inside the transaction, so two
    /// processes migrating the same file apply each migration once.
    private func apply(_ migration: Migration) throws {
        do {
            try transaction {
                let recorded = try query("SELECT 1 AS present FROM schema_migrations WHERE name = ?", [.text(migration.name)])
                guard recorded.isEmpty else { return }
                try runScript(migration.sql)
                let appliedAt = Int64(Date().timeIntervalSince1970)
                try execute("INSERT INTO schema_migrations(name, applied_at) VALUES (?, ?)",
                            [.text(migration.name), .integer(appliedAt)])
            }
        } catch let error as StorageError {
            throw StorageError(.migration, "migration \(migration.name) failed: \(error.reason)")
        }
    }
}
