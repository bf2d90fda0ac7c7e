// StorageTests: the generation-checked read cache.

import XCTest
@testable import Storage

final class ReadCacheTests: XCTestCase {
    func testValueIsReusedUntilAWriteMovesTheGeneration() throws {
        let db = try Database.inMemory()
        defer { try? db.close() }
        try db.execute("CREATE TABLE t (v INTEGER)")
        try db.execute("INSERT INTO t VALUES (1)")
        let cache = ReadCache<String, Int64>(database: db)
        var loads = 0
        func read() throws -> Int64 {
            try cache.value(for: "v") {
                loads += 1
                return try db.query("SELECT v FROM t").first?.int("v") ?? -1
            }
        }
        XCTAssertEqual(try read(), 1)
        XCTAssertEqual(try read(), 1)
        XCTAssertEqual(loads, 1)

        try db.execute("UPDATE t SET v = 2")
        XCTAssertEqual(try read(), 2)
        XCTAssertEqual(loads, 2)

        // A statement that changes no row keeps the cache.
        try db.execute("UPDATE t SET v = 3 WHERE v = 99")
        XCTAssertEqual(try read(), 2)
        XCTAssertEqual(loads, 2)
    }

    func testRolledBackTransactionInvalidates() throws {
        let db = try Database.inMemory()
        defer { try? db.close() }
        try db.execute("CREATE TABLE t (v INTEGER)")
        try db.execute("INSERT INTO t VALUES (1)")
        let cache = ReadCache<String, Int64>(database: db)
        struct Abort: Error {}
        // A value read inside a transaction that then rolls back must not survive it.
        XCTAssertThrowsError(try db.transaction {
            try db.execute("UPDATE t SET v = 5")
            XCTAssertEqual(try cache.value(for: "v") { try db.query("SELECT v FROM t").first?.int("v") ?? -1 }, 5)
            throw Abort()
        })
        XCTAssertEqual(try cache.value(for: "v") { try db.query("SELECT v FROM t").first?.int("v") ?? -1 }, 1)
    }
}
