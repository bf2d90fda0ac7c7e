// StorageTests: commit, rollback on throw, savepoint nesting, and serialization across threads.

import Foundation
import Storage
import Synchronization
import XCTest

private struct Abort: Error {}

final class TransactionTests: XCTestCase {
    private var directory: TemporaryDirectory!
    private var db: Database!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory()
        db = try Database(path: directory.file("tx.sqlite"))
        try db.execute("CREATE TABLE t(thread INTEGER NOT NULL, n INTEGER NOT NULL, UNIQUE(thread, n))")
    }

    override func tearDownWithError() throws {
        try db.close()
        db = nil
        directory = nil
    }

    private func count(_ condition: String = "1") throws -> Int64? {
        try db.query("SELECT count(*) AS n FROM t WHERE \(condition)")[0].int("n")
    }

    func testCommitReturnsBodyValue() throws {
        let value = try db.transaction { () -> String in
            try db.execute("INSERT INTO t VALUES (0, 1)")
            return "done"
        }
        XCTAssertEqual(value, "done")
        XCTAssertEqual(try count(), 1)
    }

    func testRollbackOnThrowLeavesNothing() throws {
        XCTAssertThrowsError(try db.transaction {
            try db.execute("INSERT INTO t VALUES (0, 1)")
            try db.execute("INSERT INTO t VALUES (0, 2)")
            XCTAssertEqual(try count(), 2)          // visible inside
            throw Abort()
        }) { XCTAssertTrue($0 is Abort, "the body's error is rethrown unchanged: \($0)") }
        XCTAssertEqual(try count(), 0)
        // The connection is usable and back in autocommit: a new transaction can begin.
        try db.transaction { try db.execute("INSERT INTO t VALUES (0, 3)") }
        XCTAssertEqual(try count(), 1)
    }

    func testConstraintErrorInsideBodyRollsBackEverything() throws {
        assertStorageError(.constraint) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (0, 1)")
                try db.execute("INSERT INTO t VALUES (0, 1)")
            }
        }
        XCTAssertEqual(try count(), 0)
    }

    func testNestedTransactionRollsBackOnlyInnerWork() throws {
        try db.transaction {
            try db.execute("INSERT INTO t VALUES (1, 1)")
            XCTAssertThrowsError(try db.transaction {
                try db.execute("INSERT INTO t VALUES (2, 1)")
                try db.transaction { try db.execute("INSERT INTO t VALUES (3, 1)") }   // third level commits into second
                XCTAssertEqual(try count(), 3)
                throw Abort()
            })
            XCTAssertEqual(try count(), 1)
            try db.transaction { try db.execute("INSERT INTO t VALUES (4, 1)") }
        }
        XCTAssertEqual(try db.query("SELECT thread FROM t ORDER BY thread").compactMap { $0.int("thread") }, [1, 4])
    }

    func testOuterRollbackUndoesCommittedInnerSavepoint() throws {
        XCTAssertThrowsError(try db.transaction {
            try db.transaction { try db.execute("INSERT INTO t VALUES (1, 1)") }
            throw Abort()
        })
        XCTAssertEqual(try count(), 0)
    }

    /// 4 threads x 200 inserts; half use plain statements, half a transaction that also reads its
    /// own writes, which only holds if no other thread's statement runs inside the transaction.
    func testFourThreadsInsertingConcurrently() throws {
        let failures = Mutex<[String]>([])
        let database: Database = db
        let group = DispatchGroup()
        for thread in 0..<4 {
            group.enter()
            Thread {
                defer { group.leave() }
                do {
                    for n in 0..<200 {
                        if thread % 2 == 0 {
                            try database.execute("INSERT INTO t VALUES (?, ?)", [.int(thread), .int(n)])
                        } else {
                            try database.transaction {
                                let before = try database.query("SELECT count(*) AS c FROM t")[0].int("c")
                                try database.execute("INSERT INTO t VALUES (?, ?)", [.int(thread), .int(n)])
                                let after = try database.query("SELECT count(*) AS c FROM t")[0].int("c")
                                if let before, after != before + 1 {
                                    failures.withLock { $0.append("thread \(thread): \(before) -> \(String(describing: after))") }
                                }
                            }
                        }
                    }
                } catch {
                    failures.withLock { $0.append("thread \(thread): \(error)") }
                }
            }.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 120), .success)
        XCTAssertEqual(failures.withLock { $0 }, [])
        XCTAssertEqual(try count(), 800)
        for thread in 0..<4 { XCTAssertEqual(try count("thread = \(thread)"), 200) }
    }

    /// A statement from another thread waits for an open transaction instead of joining it:
    /// when the transaction rolls back, the other thread's row must survive.
    func testOtherThreadWaitsForOpenTransaction() throws {
        let database: Database = db
        let entered = DispatchSemaphore(value: 0)
        let otherDone = DispatchSemaphore(value: 0)
        let otherError = Mutex<String?>(nil)
        XCTAssertThrowsError(try db.transaction {
            try db.execute("INSERT INTO t VALUES (1, 1)")
            Thread {
                entered.signal()
                do { try database.execute("INSERT INTO t VALUES (2, 1)") } catch {
                    otherError.withLock { $0 = "\(error)" }
                }
                otherDone.signal()
            }.start()
            entered.wait()
            // The other thread is now blocked on the writer lock; it must not finish before we roll back.
            XCTAssertEqual(otherDone.wait(timeout: .now() + 0.3), .timedOut)
            throw Abort()
        })
        XCTAssertEqual(otherDone.wait(timeout: .now() + 10), .success)
        XCTAssertNil(otherError.withLock { $0 })
        XCTAssertEqual(try db.query("SELECT thread FROM t").compactMap { $0.int("thread") }, [2])
    }

    func testCloseInsideTransactionIsRefused() throws {
        try db.transaction {
            let error = assertStorageError(.failed) { try db.close() }
            XCTAssertEqual(error?.reason, "close() called inside a transaction")
        }
    }

    func testSecondConnectionGetsBusyAfterTimeout() throws {
        // A second connection to the same file (as another process would have) waits busy_timeout
        // (5 s) for the write lock and then fails with .busy.
        let other = try Database(path: directory.file("tx.sqlite"))
        let started = Date()
        try db.transaction {
            try db.execute("INSERT INTO t VALUES (1, 1)")
            assertStorageError(.busy) { try other.execute("INSERT INTO t VALUES (2, 1)") }
        }
        XCTAssertGreaterThan(Date().timeIntervalSince(started), 4.5)
        try other.execute("INSERT INTO t VALUES (2, 1)")
        XCTAssertEqual(try count(), 2)
        try other.close()
    }
}
