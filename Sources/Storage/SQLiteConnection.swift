// Storage: the owner of one sqlite3 connection: opening, configuring, the statement cache, closing.

import CSQLite
import Foundation

/// Owns one `sqlite3*` and the statements prepared on it.
///
/// Not thread-safe by itself: `Database` keeps it inside a `Mutex` and only reaches it while
/// holding its writer lock, so at most one thread uses the handle at a time.
final class SQLiteConnection {
    /// `nil` once closed.
    private var handle: OpaquePointer?
    /// Prepared statements keyed by their exact SQL text.
    private var statements: [String: PreparedStatement] = [:]
    /// Open transaction levels: 0 = autocommit, 1 = BEGIN IMMEDIATE, 2... = savepoints.
    var transactionDepth = 0

    /// More distinct SQL texts than this and the cache is emptied (the app uses a fixed set).
    private static let statementCacheLimit = 256

    var isOpen: Bool { handle != nil }

    /// Opens and configures the connection; on any failure the handle is closed before throwing.
    init(path: String) throws(StorageError) {
        var opened: OpaquePointer?
        // NOMUTEX (multi-thread mode): SQLite skips its per-connection mutex. That is safe because
        // Database never lets two threads use this connection at once (sqlite.org/threadsafe.html),
        // and FULLMUTEX would only add a second lock around every call. The library itself must be
        // built thread-safe, which sqlite3_threadsafe() != 0 confirms.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        // sqlite3_open_v2 returns a handle even on failure (unless out of memory); it must be closed.
        guard code == SQLITE_OK, let opened else {
            let error = StorageError(.open, "cannot open database: " + Self.message(opened, code))
            sqlite3_close(opened)
            throw error
        }
        do throws(StorageError) {
            guard sqlite3_threadsafe() != 0 else { throw StorageError(.open, "SQLite was built without thread support") }
            try Self.configure(opened, inMemory: path == ":memory:" || path.isEmpty)
        } catch {
            sqlite3_close(opened)
            throw error
        }
        handle = opened
    }

    deinit {
        // Safety net only: Database.close() / Database.deinit close explicitly.
        if handle != nil { _ = try? close() }
    }

    /// WAL, synchronous=FULL, foreign keys, busy timeout; each checked, since a PRAGMA that does
    /// not apply is silently ignored by SQLite.
    private static func configure(_ connection: OpaquePointer, inMemory: Bool) throws(StorageError) {
        // journal_mode returns the mode now in effect. A memory database stays "memory"; a file
        // database answers "wal" unless WAL is impossible there (e.g. no shared memory support).
        let mode = try pragmaValue(connection, "PRAGMA journal_mode=WAL")
        if !inMemory && mode?.lowercased() != "wal" {
            throw StorageError(.open, "cannot enable WAL journal mode (got \(mode ?? "nothing"))")
        }
        // In WAL mode, NORMAL already survives a killed process; FULL also syncs the WAL on every
        // commit, so an acknowledged write survives an OS crash or power loss too.
        _ = try pragmaValue(connection, "PRAGMA synchronous=FULL")
        guard try pragmaValue(connection, "PRAGMA synchronous") == "2" else {
            throw StorageError(.open, "cannot set synchronous=FULL")
        }
        // foreign_keys is a no-op inside a transaction and on builds without FK support: read it back.
        _ = try pragmaValue(connection, "PRAGMA foreign_keys=ON")
        guard try pragmaValue(connection, "PRAGMA foreign_keys") == "1" else {
            throw StorageError(.open, "cannot enable foreign keys")
        }
        // sqlite3_busy_timeout installs a handler that sleeps and retries up to 5 s on SQLITE_BUSY
        // from another connection (another process on the same file) before giving up.
        let code = sqlite3_busy_timeout(connection, 5000)
        guard code == SQLITE_OK else { throw StorageError.sqlite(code, connection: connection) }
    }

    /// Runs one PRAGMA on a connection that has no cache yet; returns the first column of the first row.
    private static func pragmaValue(_ connection: OpaquePointer, _ sql: String) throws(StorageError) -> String? {
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &prepared, nil)
        guard code == SQLITE_OK, let prepared else { throw StorageError.sqlite(code, connection: connection) }
        let rows = try PreparedStatement(takingOwnershipOf: prepared, connection: connection).run([])
        guard let first = rows.first, let column = first.columns.first else { return nil }
        switch first[column] {
        case .text(let text): return text
        case .integer(let number): return String(number)
        default: return nil
        }
    }

    private static func message(_ connection: OpaquePointer?, _ code: Int32) -> String {
        if let connection, let text = sqlite3_errmsg(connection) { return String(cString: text) }
        return String(cString: sqlite3_errstr(code))
    }

    /// Runs one statement through the cache.
    func run(_ sql: String, _ arguments: [SQLValue]) throws(StorageError) -> [Row] {
        try statement(for: sql).run(arguments)
    }

    /// Runs a script of one or more statements without arguments (migrations, BEGIN/COMMIT).
    /// sqlite3_exec prepares, steps and finalizes each statement in turn and stops at the first error.
    func executeScript(_ sql: String) throws(StorageError) {
        let connection = try openHandle()
        let code = sqlite3_exec(connection, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw StorageError.sqlite(code, connection: connection) }
    }

    /// Rows changed by INSERT, UPDATE and DELETE on this connection since it opened
    /// (sqlite3_total_changes64 counts every completed change, including those later rolled back).
    var totalChanges: Int64 {
        guard let handle else { return 0 }
        return sqlite3_total_changes64(handle)
    }

    /// True when no transaction is open: SQLite ends a transaction by itself after some errors
    /// (SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY, SQLITE_NOMEM), and then ROLLBACK would fail.
    var isAutocommit: Bool {
        guard let handle else { return true }
        return sqlite3_get_autocommit(handle) != 0
    }

    private func openHandle() throws(StorageError) -> OpaquePointer {
        guard let handle else { throw StorageError(.failed, "database is closed") }
        return handle
    }

    /// The cached statement for `sql`, prepared on first use.
    private func statement(for sql: String) throws(StorageError) -> PreparedStatement {
        if let cached = statements[sql] { return cached }
        let connection = try openHandle()
        var prepared: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let code = sql.withCString { text in
            // sqlite3_prepare_v2 compiles the first statement and points `tail` past it. The tail
            // lives in `text`, so it is inspected inside this closure.
            let code = sqlite3_prepare_v2(connection, text, -1, &prepared, &tail)
            if code == SQLITE_OK, let rest = tail, Self.holdsStatement(connection, rest) { return SQLITE_MISUSE }
            return code
        }
        if code == SQLITE_MISUSE {
            sqlite3_finalize(prepared)
            throw StorageError(.failed, "execute and query take one statement; use a migration for scripts")
        }
        guard code == SQLITE_OK, let prepared else { throw StorageError.sqlite(code, connection: connection) }
        if statements.count >= Self.statementCacheLimit {
            statements.values.forEach { $0.finalize() }
            statements.removeAll()
        }
        let statement = PreparedStatement(takingOwnershipOf: prepared, connection: connection)
        statements[sql] = statement
        return statement
    }

    /// Whether `rest` holds another statement (not just whitespace and comments): preparing it
    /// yields a NULL statement exactly when it holds none.
    private static func holdsStatement(_ connection: OpaquePointer, _ rest: UnsafePointer<CChar>) -> Bool {
        guard rest.pointee != 0 else { return false }
        var extra: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, rest, -1, &extra, nil)
        sqlite3_finalize(extra)
        return code != SQLITE_OK || extra != nil
    }

    /// Finalizes every cached statement, then closes. Uses sqlite3_close (not _v2), which refuses
    /// with SQLITE_BUSY while any statement is unfinalized, so a leak is reported instead of
    /// silently deferred.
    func close() throws(StorageError) {
        guard let connection = handle else { return }
        statements.values.forEach { $0.finalize() }
        statements.removeAll()
        let code = sqlite3_close(connection)
        guard code == SQLITE_OK else {
            var live = 0
            var statement = sqlite3_next_stmt(connection, nil)
            while let current = statement { live += 1; statement = sqlite3_next_stmt(connection, current) }
            let message = Self.message(connection, code)
            throw StorageError(.failed, "cannot close database: \(message) (\(live) unfinalized statements)")
        }
        handle = nil
    }
}
