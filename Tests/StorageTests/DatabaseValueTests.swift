// StorageTests: values round trip, rows by name, statement rules and error mapping.

import Foundation
import Storage
import XCTest

final class DatabaseValueTests: XCTestCase {
    private var db: Database!

    override func setUpWithError() throws {
        db = try Database.inMemory()
        try db.execute("CREATE TABLE v(id INTEGER PRIMARY KEY, value)")
    }

    override func tearDownWithError() throws {
        try db.close()
        db = nil
    }

    private func roundTrip(_ value: SQLValue, file: StaticString = #filePath, line: UInt = #line) throws {
        try db.execute("DELETE FROM v")
        try db.execute("INSERT INTO v(id, value) VALUES (1, ?)", [value])
        let rows = try db.query("SELECT value, typeof(value) AS type FROM v WHERE id = 1")
        XCTAssertEqual(rows.count, 1, file: file, line: line)
        XCTAssertEqual(rows[0]["value"], value, file: file, line: line)
    }

    func testEveryStorageClassRoundTrips() throws {
        try roundTrip(.null)
        try roundTrip(.integer(0))
        try roundTrip(.integer(Int64.max))
        try roundTrip(.integer(Int64.min))
        try roundTrip(.real(3.141592653589793))
        try roundTrip(.real(-0.5e-300))
        try roundTrip(.text(""))
        try roundTrip(.text("plain"))
        try roundTrip(.text("a\u{0}b\u{0}"))                        // embedded NUL survives
        try roundTrip(.text("Grüße, 鍵, 🔑, \u{10FFFF}"))          // multi-byte UTF-8
        try roundTrip(.blob(Data()))                                 // empty blob is not NULL
        try roundTrip(.blob(Data((0...255).map { UInt8($0) })))    // every byte value incl. 0x00
    }

    func testStorageClassesAreWhatSQLiteSees() throws {
        try db.execute("INSERT INTO v(id, value) VALUES (1, ?), (2, ?), (3, ?), (4, ?), (5, ?)",
                       [.null, .integer(7), .real(1.5), .text("t"), .blob(Data())])
        let types = try db.query("SELECT typeof(value) AS type FROM v ORDER BY id").map { $0.string("type") }
        XCTAssertEqual(types, ["null", "integer", "real", "text", "blob"])
        // Embedded NUL: SQLite counts all bytes, so the stored text is 3 bytes long.
        try db.execute("INSERT INTO v(id, value) VALUES (6, ?)", [.text("a\u{0}b")])
        XCTAssertEqual(try db.query("SELECT length(CAST(value AS BLOB)) AS n FROM v WHERE id = 6")[0].int("n"), 3)
    }

    func testRowAccessorsAreTyped() throws {
        let row = try db.query("SELECT 1 AS yes, 0 AS no, 'x' AS s, x'00ff' AS b, 2.5 AS r, NULL AS n")[0]
        XCTAssertEqual(row.columns, ["yes", "no", "s", "b", "r", "n"])
        XCTAssertEqual(row.bool("yes"), true)
        XCTAssertEqual(row.bool("no"), false)
        XCTAssertEqual(row.int("yes"), 1)
        XCTAssertEqual(row.string("s"), "x")
        XCTAssertEqual(row.data("b"), Data([0x00, 0xFF]))
        XCTAssertEqual(row.double("r"), 2.5)
        XCTAssertEqual(row["n"], .null)
        XCTAssertNil(row.string("n"))
        XCTAssertNil(row.int("s"))       // no silent conversion between storage classes
        XCTAssertNil(row.data("s"))
    }

    func testQueryReturnsAllRowsInOrder() throws {
        for id in 1...5 { try db.execute("INSERT INTO v(id, value) VALUES (?, ?)", [.integer(Int64(id)), .text("r\(id)")]) }
        let rows = try db.query("SELECT id, value FROM v WHERE id >= ? ORDER BY id DESC", [.integer(2)])
        XCTAssertEqual(rows.compactMap { $0.int("id") }, [5, 4, 3, 2])
        XCTAssertEqual(rows.compactMap { $0.string("value") }, ["r5", "r4", "r3", "r2"])
        XCTAssertTrue(try db.query("SELECT id FROM v WHERE id > 100").isEmpty)
    }

    func testCachedStatementReusedWithNewBindings() throws {
        // Same SQL text many times: the cached statement must be reset and re-bound each time.
        for id in 1...50 { try db.execute("INSERT INTO v(id, value) VALUES (?, ?)", [.integer(Int64(id)), .integer(Int64(id * id))]) }
        let sum = try db.query("SELECT sum(value) AS s FROM v")[0].int("s")
        XCTAssertEqual(sum, Int64((1...50).map { $0 * $0 }.reduce(0, +)))
        // A cached query is reset after a partial read, so it sees later writes.
        XCTAssertEqual(try db.query("SELECT count(*) AS n FROM v")[0].int("n"), 50)
        try db.execute("DELETE FROM v WHERE id > 10")
        XCTAssertEqual(try db.query("SELECT count(*) AS n FROM v")[0].int("n"), 10)
    }

    func testConstraintViolationIsConstraintWithoutBoundValues() throws {
        try db.execute("CREATE TABLE u(name TEXT UNIQUE NOT NULL)")
        try db.execute("INSERT INTO u VALUES (?)", [.text("secret-name-123")])
        let error = assertStorageError(.constraint) { try db.execute("INSERT INTO u VALUES (?)", [.text("secret-name-123")]) }
        XCTAssertEqual(error?.reason, "UNIQUE constraint failed: u.name")
        XCTAssertFalse(error?.reason.contains("secret-name-123") ?? true)
        assertStorageError(.constraint) { try db.execute("INSERT INTO u VALUES (?)", [.null]) }
        XCTAssertEqual(try db.query("SELECT count(*) AS n FROM u")[0].int("n"), 1)
    }

    func testForeignKeysAreEnforced() throws {
        try db.execute("CREATE TABLE parent(id INTEGER PRIMARY KEY)")
        try db.execute("CREATE TABLE child(parent INTEGER NOT NULL REFERENCES parent(id))")
        let error = assertStorageError(.constraint) { try db.execute("INSERT INTO child VALUES (?)", [.integer(9)]) }
        XCTAssertEqual(error?.reason, "FOREIGN KEY constraint failed")
        XCTAssertEqual(try db.query("PRAGMA foreign_keys")[0].int("foreign_keys"), 1)
    }

    func testSQLErrorsAreFailed() throws {
        let syntax = assertStorageError(.failed) { try db.execute("SELEC 1") }
        XCTAssertEqual(syntax?.reason, "near \"SELEC\": syntax error")
        assertStorageError(.failed) { try db.query("SELECT * FROM missing_table") }
        let count = assertStorageError(.failed) { try db.execute("INSERT INTO v(id, value) VALUES (?, ?)", [.integer(1)]) }
        XCTAssertEqual(count?.reason, "statement takes 2 arguments, 1 given")
        let script = assertStorageError(.failed) { try db.execute("INSERT INTO v(id) VALUES (1); INSERT INTO v(id) VALUES (2)") }
        XCTAssertEqual(script?.reason, "execute and query take one statement; use a migration for scripts")
        XCTAssertEqual(try db.query("SELECT count(*) AS n FROM v")[0].int("n"), 0)
        // A trailing semicolon or comment is not a second statement.
        try db.execute("INSERT INTO v(id) VALUES (3); -- done\n")
        XCTAssertEqual(try db.query("SELECT count(*) AS n FROM v")[0].int("n"), 1)
    }

    func testClosedDatabaseRefusesWorkAndCloseTwiceIsNoop() throws {
        let other = try Database.inMemory()
        try other.execute("CREATE TABLE t(x)")
        _ = try other.query("SELECT x FROM t")     // leaves a cached statement to finalize
        try other.close()
        try other.close()
        let error = assertStorageError(.failed) { try other.execute("SELECT 1") }
        XCTAssertEqual(error?.reason, "database is closed")
    }

    func testOpenFailureIsOpen() {
        let error = assertStorageError(.open) { try Database(path: "/nonexistent-dir-\(UUID())/db.sqlite") }
        XCTAssertEqual(error?.reason, "cannot open database: unable to open database file")
    }
}
