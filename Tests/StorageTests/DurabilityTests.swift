// StorageTests: WAL mode on files, and acknowledged writes surviving a killed process.

import Foundation
import Storage
import XCTest

final class DurabilityTests: XCTestCase {
    private static let childVariable = "STORAGE_TESTS_KILLED_WRITER_DB"

    func testFileDatabaseUsesWALAndFullSync() throws {
        let directory = try TemporaryDirectory()
        let db = try Database(path: directory.file("wal.sqlite"))
        XCTAssertEqual(try db.query("PRAGMA journal_mode")[0].string("journal_mode"), "wal")
        XCTAssertEqual(try db.query("PRAGMA synchronous")[0].int("synchronous"), 2)   // FULL
        XCTAssertEqual(try db.query("PRAGMA foreign_keys")[0].int("foreign_keys"), 1)
        XCTAssertEqual(try db.query("PRAGMA busy_timeout")[0].int("timeout"), 5000)
        try db.close()
    }

    func testInMemoryDatabaseIsConfiguredExceptWAL() throws {
        let db = try Database.inMemory()
        XCTAssertEqual(try db.query("PRAGMA journal_mode")[0].string("journal_mode"), "memory")
        XCTAssertEqual(try db.query("PRAGMA foreign_keys")[0].int("foreign_keys"), 1)
        try db.close()
    }

    func testWritesSurviveCloseAndReopen() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("reopen.sqlite")
        let db = try Database(path: path)
        try db.execute("CREATE TABLE t(x BLOB)")
        try db.execute("INSERT INTO t VALUES (?)", [.blob(Data([1, 2, 3]))])
        try db.close()
        let reopened = try Database(path: path)
        XCTAssertEqual(try reopened.query("SELECT x FROM t")[0].data("x"), Data([1, 2, 3]))
        try reopened.close()
    }

    /// Runs this same test in a child copy of the test process. The child writes 50 rows one
    /// acknowledged statement at a time and SIGKILLs itself: no close, no checkpoint. The parent
    /// checks the WAL was left behind and that every acknowledged row is there after reopening.
    func testAcknowledgedWritesSurviveKill() throws {
        if let path = ProcessInfo.processInfo.environment[Self.childVariable] {
            try Self.writeAndDie(path: path)
        }
        let directory = try TemporaryDirectory()
        let path = directory.file("killed.sqlite")
        let child = Process()
        child.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        child.arguments = ["StorageTests.DurabilityTests/testAcknowledgedWritesSurviveKill"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.childVariable: path]) { $1 }
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        child.waitUntilExit()
        XCTAssertEqual(child.terminationReason, .uncaughtSignal)
        XCTAssertEqual(child.terminationStatus, SIGKILL)

        let walSize = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
        XCTAssertGreaterThan(walSize ?? 0, 0, "the killed writer must leave its WAL uncheckpointed")
        let db = try Database(path: path)
        let values = try db.query("SELECT n FROM t ORDER BY n").compactMap { $0.int("n") }
        XCTAssertEqual(values, Array(0..<50))
        try db.close()
    }

    private static func writeAndDie(path: String) throws -> Never {
        let db = try Database(path: path)
        try db.migrate([Migration("001", "CREATE TABLE t(n INTEGER PRIMARY KEY)")])
        for n in 0..<50 { try db.execute("INSERT INTO t VALUES (?)", [.integer(Int64(n))]) }
        kill(getpid(), SIGKILL)
        fatalError("still alive after SIGKILL")
    }
}
