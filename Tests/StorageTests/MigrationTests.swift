// StorageTests: migrations apply once, in order, are recorded, and a future schema is refused.

import Foundation
import Storage
import XCTest

final class MigrationTests: XCTestCase {
    private let first = [
        Migration("001-vaults", "CREATE TABLE vaults(name TEXT PRIMARY KEY);"),
        Migration("002-keys", """
            CREATE TABLE keys(vault TEXT NOT NULL REFERENCES vaults(name), name TEXT NOT NULL);
            CREATE INDEX keys_by_vault ON keys(vault);
            """),
    ]

    func testMigrationsApplyOnceInOrderAndAreRecorded() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("m.sqlite")
        let db = try Database(path: path)
        let before = Int64(Date().timeIntervalSince1970)
        try db.migrate(first)
        let recorded = try db.query("SELECT name, applied_at FROM schema_migrations ORDER BY rowid")
        XCTAssertEqual(recorded.compactMap { $0.string("name") }, ["001-vaults", "002-keys"])
        for row in recorded {
            let appliedAt = try XCTUnwrap(row.int("applied_at"))
            XCTAssertTrue((before...before + 60).contains(appliedAt), "applied_at \(appliedAt)")
        }
        // The schema exists: keys references vaults (002 ran after 001).
        try db.execute("INSERT INTO vaults VALUES ('kv1')")
        try db.execute("INSERT INTO keys VALUES ('kv1', 'k1')")
        // Migrating again in the same process changes nothing.
        try db.migrate(first)
        XCTAssertEqual(try db.query("SELECT count(*) AS n FROM schema_migrations")[0].int("n"), 2)
        try db.close()

        // Re-open the file: data is there, the same list is a no-op, a new migration is appended.
        let reopened = try Database(path: path)
        try reopened.migrate(first)
        XCTAssertEqual(try reopened.query("SELECT count(*) AS n FROM keys")[0].int("n"), 1)
        try reopened.migrate(first + [Migration("003-enabled", "ALTER TABLE keys ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1")])
        XCTAssertEqual(try reopened.query("SELECT enabled FROM keys")[0].bool("enabled"), true)
        XCTAssertEqual(try reopened.query("SELECT name FROM schema_migrations ORDER BY rowid").compactMap { $0.string("name") },
                       ["001-vaults", "002-keys", "003-enabled"])
        try reopened.close()
    }

    func testFutureSchemaIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("future.sqlite")
        let newer = try Database(path: path)
        try newer.migrate(first + [Migration("003-from-the-future", "CREATE TABLE later(x)")])
        try newer.close()

        let older = try Database(path: path)
        let error = assertStorageError(.futureSchema) { try older.migrate(first) }
        XCTAssertEqual(error?.reason, "database was written by a newer version: unknown migration 003-from-the-future")
        try older.close()
    }

    func testFailedMigrationLeavesNoChangesAndNoRecord() throws {
        let db = try Database.inMemory()
        let broken = Migration("002-broken", "CREATE TABLE half(x); INSERT INTO nowhere VALUES (1);")
        let error = assertStorageError(.migration) { try db.migrate([first[0], broken]) }
        XCTAssertEqual(error?.reason, "migration 002-broken failed: no such table: nowhere")
        // 001 committed in its own transaction; 002 left neither its table nor its record.
        XCTAssertEqual(try db.query("SELECT name FROM schema_migrations").compactMap { $0.string("name") }, ["001-vaults"])
        XCTAssertTrue(try db.query("SELECT name FROM sqlite_master WHERE name = 'half'").isEmpty)
        // Fixing the migration and running again applies only it.
        try db.migrate([first[0], Migration("002-broken", "CREATE TABLE half(x)")])
        XCTAssertEqual(try db.query("SELECT count(*) AS n FROM schema_migrations")[0].int("n"), 2)
        try db.close()
    }

    func testMigrateInsideTransactionBodyDoesNotDeadlock() throws {
        let db = try Database.inMemory()
        try db.transaction { try db.migrate(first) }
        XCTAssertEqual(try db.query("SELECT count(*) AS n FROM schema_migrations")[0].int("n"), 2)
        try db.close()
    }
}
