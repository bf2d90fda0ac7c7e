// Storage: the owner of one prepared sqlite3_stmt: binding, stepping and reading columns.

import CSQLite
import Foundation

/// Owns one `sqlite3_stmt`. Lives in the connection's statement cache and is only touched while
/// the connection's writer lock is held.
///
/// `finalize()` is called by `SQLiteConnection.close()` before `sqlite3_close`; `deinit` finalizes
/// anything still live (a statement dropped from the cache).
final class PreparedStatement {
    private var handle: OpaquePointer?
    private let connection: OpaquePointer

    /// Takes ownership of `handle`, which must come from `sqlite3_prepare_v2` on `connection`.
    init(takingOwnershipOf handle: OpaquePointer, connection: OpaquePointer) {
        self.handle = handle
        self.connection = connection
    }

    deinit {
        if let handle { sqlite3_finalize(handle) }
    }

    /// Releases the statement. sqlite3_finalize returns the code of the last failed step, which
    /// was reported when it happened, so only "was it live" matters here.
    func finalize() {
        if let handle { sqlite3_finalize(handle) }
        handle = nil
    }

    /// Binds `arguments`, steps to completion and returns the rows (empty for non-queries).
    ///
    /// Always leaves the statement reset with its bindings cleared, so a cached statement never
    /// keeps a read transaction open or holds on to a caller's values.
    func run(_ arguments: [SQLValue]) throws(StorageError) -> [Row] {
        guard let handle else { throw StorageError(.failed, "statement used after finalize") }
        defer {
            // sqlite3_reset returns the last step's error (already thrown); clear_bindings cannot fail.
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == arguments.count else {
            throw StorageError(.failed, "statement takes \(expected) arguments, \(arguments.count) given")
        }
        for (offset, value) in arguments.enumerated() {
            let code = bind(value, at: Int32(offset + 1), in: handle)
            guard code == SQLITE_OK else { throw StorageError.sqlite(code, connection: connection) }
        }
        var rows: [Row] = []
        var columns: ColumnIndex?
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return rows }
            guard code == SQLITE_ROW else { throw StorageError.sqlite(code, connection: connection) }
            let index = columns ?? Self.columnIndex(of: handle)
            columns = index
            rows.append(Row(index: index, values: Self.values(of: handle, count: index.names.count)))
        }
    }

    /// Binds one value (parameters are 1-based). SQLITE_TRANSIENT makes SQLite copy the bytes
    /// before returning, so the Swift buffer may go away right after the call.
    private func bind(_ value: SQLValue, at position: Int32, in handle: OpaquePointer) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, position)
        case .integer(let number):
            return sqlite3_bind_int64(handle, position, number)
        case .real(let number):
            return sqlite3_bind_double(handle, position, number)
        case .text(let text):
            // An explicit byte length keeps embedded NUL characters; the appended NUL only makes
            // the buffer non-empty, so its pointer is never NULL (which would bind SQL NULL).
            var utf8 = ContiguousArray(text.utf8)
            let length = UInt64(utf8.count)
            utf8.append(0)
            return utf8.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    sqlite3_bind_text64(handle, position, chars.baseAddress, length, shim_SQLITE_TRANSIENT(), UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let bytes):
            // sqlite3_bind_blob with a NULL pointer binds SQL NULL, so an empty blob needs zeroblob(0).
            if bytes.isEmpty { return sqlite3_bind_zeroblob(handle, position, 0) }
            return bytes.withUnsafeBytes { buffer in
                sqlite3_bind_blob64(handle, position, buffer.baseAddress, UInt64(buffer.count), shim_SQLITE_TRANSIENT())
            }
        }
    }

    /// Column names are read per result: a prepared statement is re-prepared after a schema change,
    /// and `SELECT *` may then return different columns.
    private static func columnIndex(of handle: OpaquePointer) -> ColumnIndex {
        let count = sqlite3_column_count(handle)
        let names = (0..<count).map { column in
            sqlite3_column_name(handle, column).map { String(cString: $0) } ?? "column\(column)"
        }
        return ColumnIndex(names: names)
    }

    /// Reads the current row. Pointers from sqlite3_column_text/blob are valid until the next
    /// step/reset, so each value is copied out at once; sqlite3_column_bytes is called after the
    /// pointer getter, as sqlite.org/c3ref/column_blob.html requires.
    private static func values(of handle: OpaquePointer, count: Int) -> [SQLValue] {
        (0..<Int32(count)).map { column in
            switch sqlite3_column_type(handle, column) {
            case SQLITE_INTEGER:
                return .integer(sqlite3_column_int64(handle, column))
            case SQLITE_FLOAT:
                return .real(sqlite3_column_double(handle, column))
            case SQLITE_TEXT:
                guard let text = sqlite3_column_text(handle, column) else { return .text("") }
                let length = Int(sqlite3_column_bytes(handle, column))
                return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
            case SQLITE_BLOB:
                // A zero-length blob comes back as a NULL pointer.
                guard let bytes = sqlite3_column_blob(handle, column) else { return .blob(Data()) }
                return .blob(Data(bytes: bytes, count: Int(sqlite3_column_bytes(handle, column))))
            default:
                return .null
            }
        }
    }
}
