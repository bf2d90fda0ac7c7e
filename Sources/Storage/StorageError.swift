// Storage: the one error type of the module and the mapping from SQLite result codes.

import CSQLite

/// Every failure of the Storage module.
///
/// `reason` comes from `sqlite3_errmsg` (or a sentence of ours). SQLite builds that text from the
/// SQL and the schema, never from bound parameters, so it never holds the values a caller bound:
/// a `UNIQUE` violation reads `UNIQUE constraint failed: keys.name`, not the offending name.
///
/// ```swift
/// do { try db.execute("INSERT INTO vaults(name) VALUES (?)", [.text(name)]) }
/// catch let error as StorageError where error.code == .constraint { /* name taken */ }
/// ```
public struct StorageError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; callers branch on this, never on `reason`.
    public enum Code: Sendable {
        /// The database file could not be opened or configured.
        case open
        /// A migration failed; it was rolled back and is not recorded.
        case migration
        /// The database records a migration this build does not know: it was written by a newer version.
        case futureSchema
        /// `SQLITE_CONSTRAINT`: unique, primary key, foreign key, check or not-null violation.
        case constraint
        /// `SQLITE_BUSY` / `SQLITE_LOCKED`: another connection held the lock past the busy timeout.
        case busy
        /// Anything else (I/O errors, SQL errors, misuse such as a closed database).
        case failed
    }

    public let code: Code
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "StorageError(\(code)): \(reason)" }

    /// Maps a SQLite result code to an error, reading the message from the connection.
    ///
    /// `sqlite3_errmsg` describes the most recent failed call on `connection`; callers hold the
    /// writer lock, so no other thread can have replaced it in between.
    static func sqlite(_ resultCode: Int32, connection: OpaquePointer?) -> StorageError {
        let message: String
        if let connection, let text = sqlite3_errmsg(connection) {
            message = String(cString: text)
        } else {
            // sqlite3_errstr gives the generic English text for a code; it needs no connection.
            message = String(cString: sqlite3_errstr(resultCode))
        }
        return StorageError(code(for: resultCode), message)
    }

    /// The primary result code is the low byte of an extended result code (sqlite.org/rescode.html).
    static func code(for resultCode: Int32) -> Code {
        switch resultCode & 0xFF {
        case SQLITE_CONSTRAINT: return .constraint
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy
        case SQLITE_CANTOPEN, SQLITE_NOTADB: return .open
        default: return .failed
        }
    }
}
