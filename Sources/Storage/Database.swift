// Storage: the public database handle: one SQLite connection, serialized, with transactions.

import Foundation
import Synchronization

/// One SQLite connection: the single writer of its database file.
///
/// Open one `Database` per file per process and share it; every call is serialized, so it is
/// safe from any thread. The file is configured for WAL (readers never block the writer),
/// `synchronous=FULL` (a write that returned survives a crash), foreign keys and a 5 s busy timeout.
///
/// ```swift
/// let db = try Database(path: dataDirectory + "/emulator.sqlite")
/// try db.migrate([Migration("001-vaults", "CREATE TABLE vaults(name TEXT PRIMARY KEY, created INTEGER)")])
/// try db.transaction {
///     try db.execute("INSERT INTO vaults VALUES (?, ?)", [.text("kv1"), .integer(now)])
///     let count = try db.query("SELECT count(*) AS n FROM vaults")[0].int("n")
/// }
/// try db.close()
/// ```
///
/// ## Locking
///
/// Two locks with separate jobs:
/// - `writer` (an `NSRecursiveLock`) is the critical section. Every public call holds it for its
///   whole duration, and `transaction` holds it from BEGIN to COMMIT, so another thread's
///   statement can never slip into this thread's transaction. It is re-entrant, so `execute`,
///   `query` and nested `transaction` calls inside a transaction body on the same thread proceed.
/// - `state` (a `Mutex`) owns the connection and its statement cache, so the C handle is reachable
///   only inside `withLock`. It is held briefly, never across a transaction body.
///
/// A transaction body must not wait for another thread that uses the same `Database`: that thread
/// blocks on `writer` until the body returns, and the two would deadlock.
public final class Database: @unchecked Sendable {
    private let writer = NSRecursiveLock()
    private let state: Mutex<SQLiteConnection>
    private let changes = Atomic<UInt64>(0)

    /// A number that moves whenever the stored data may have changed: after a statement that
    /// changed rows and at the end of every transaction (commit or rollback). Read caches built on
    /// this database remember the generation they were filled at — read it *before* reading the
    /// data — and are valid while it stays the same.
    public var generation: UInt64 { changes.load(ordering: .acquiring) }

    private func bumpGeneration() { changes.add(1, ordering: .releasing) }

    /// Opens (creating if needed) the database file at `path` and configures it.
    public init(path: String) throws {
        state = Mutex(try SQLiteConnection(path: path))
        writer.name = "Storage.Database.writer"
    }

    /// A private in-memory database (tests, `-dev` mode). WAL does not apply to it.
    public static func inMemory() throws -> Database {
        try Database(path: ":memory:")
    }

    deinit {
        let wasOpen = state.withLock { connection in connection.isOpen }
        // A Database must be closed explicitly so a failing close is seen; this is the safety net.
        assert(!wasOpen, "Database deinitialized without close()")
        if wasOpen { try? state.withLock { connection throws(StorageError) in try connection.close() } }
    }

    /// Runs one statement that returns no rows of interest (INSERT, UPDATE, DELETE, DDL).
    /// The prepared statement is cached by its SQL text; arguments bind to `?` in order.
    public func execute(_ sql: String, _ arguments: [SQLValue] = []) throws {
        _ = try query(sql, arguments)
    }

    /// Runs one statement and returns all its rows.
    public func query(_ sql: String, _ arguments: [SQLValue] = []) throws -> [Row] {
        try withWriter { () throws(StorageError) in
            try state.withLock { connection throws(StorageError) in
                let before = connection.totalChanges
                defer { if connection.totalChanges != before { bumpGeneration() } }
                return try connection.run(sql, arguments)
            }
        }
    }

    /// Runs `body` in a transaction: `BEGIN IMMEDIATE` (takes the write lock up front, so the
    /// transaction cannot fail later on a lock upgrade), `COMMIT` when it returns, `ROLLBACK` when
    /// it throws (the error is rethrown). Inside another transaction it uses a SAVEPOINT, so an
    /// inner failure undoes only the inner work.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        writer.lock()
        defer { writer.unlock() }
        let level = try state.withLock { connection throws(StorageError) in try Self.begin(connection) }
        let result: T
        do {
            result = try body()
        } catch {
            state.withLock { connection in Self.rollback(connection, level: level) }
            bumpGeneration()
            throw error
        }
        defer { bumpGeneration() }
        try state.withLock { connection throws(StorageError) in try Self.commit(connection, level: level) }
        return result
    }

    /// Finalizes every cached statement and closes the connection. Throws if SQLite refuses (a
    /// statement still live) or when called inside a transaction. Closing twice is a no-op.
    public func close() throws {
        try withWriter { () throws(StorageError) in
            try state.withLock { connection throws(StorageError) in
                guard connection.transactionDepth == 0 else {
                    throw StorageError(.failed, "close() called inside a transaction")
                }
                try connection.close()
            }
        }
    }

    /// Runs `body` holding the writer lock.
    func withWriter<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        writer.lock()
        defer { writer.unlock() }
        return try body()
    }

    /// Runs a script of several statements without arguments (migrations).
    func runScript(_ sql: String) throws {
        try withWriter { () throws(StorageError) in
            try state.withLock { connection throws(StorageError) in try connection.executeScript(sql) }
        }
        bumpGeneration()
    }

    // MARK: Transaction levels

    /// Opens level `depth + 1` and returns it.
    private static func begin(_ connection: SQLiteConnection) throws(StorageError) -> Int {
        let level = connection.transactionDepth + 1
        try connection.executeScript(level == 1 ? "BEGIN IMMEDIATE" : "SAVEPOINT level\(level)")
        connection.transactionDepth = level
        return level
    }

    /// Commits `level`; if that fails, rolls it back and throws.
    private static func commit(_ connection: SQLiteConnection, level: Int) throws(StorageError) {
        precondition(connection.transactionDepth == level, "transactions must end in the order they began")
        do {
            try connection.executeScript(level == 1 ? "COMMIT" : "RELEASE level\(level)")
            connection.transactionDepth = level - 1
        } catch {
            rollback(connection, level: level)
            throw error
        }
    }

    /// Undoes `level`. A top-level rollback is skipped when SQLite already rolled back on its own.
    /// A failing rollback leaves nothing to do but report the original error, which the caller does.
    private static func rollback(_ connection: SQLiteConnection, level: Int) {
        defer { connection.transactionDepth = level - 1 }
        if level == 1 {
            if !connection.isAutocommit { try? connection.executeScript("ROLLBACK") }
        } else if !connection.isAutocommit {
            // ROLLBACK TO keeps the savepoint on the stack; RELEASE then removes it.
            try? connection.executeScript("ROLLBACK TO level\(level); RELEASE level\(level)")
        }
    }
}
