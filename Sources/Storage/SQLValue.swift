// Storage: the typed values bound to statements and read back from rows.

import Foundation

/// One SQLite value, in SQLite's five storage classes.
///
/// Bind values positionally (`?`); they are copied into SQLite at bind time:
///
/// ```swift
/// try db.execute("INSERT INTO keys(name, version, material) VALUES (?, ?, ?)",
///                [.text("k1"), .integer(1), .blob(der)])
/// ```
///
/// `.text` is stored as UTF-8 with an explicit byte length, so embedded NUL characters survive.
/// `.blob(Data())` is stored as a zero-length blob, not as NULL.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

extension SQLValue {
    /// Optional text: `nil` becomes `.null`.
    public static func optionalText(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    /// Optional blob: `nil` becomes `.null`.
    public static func optionalBlob(_ value: Data?) -> SQLValue { value.map { .blob($0) } ?? .null }
    /// Booleans are stored as 0 / 1, as SQLite itself does.
    public static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }
    /// Swift `Int` as a 64-bit integer.
    public static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
}

/// The column names of one result, shared by all its rows.
final class ColumnIndex: Sendable {
    let names: [String]
    /// Name to position; when a result repeats a name (a join), the first column wins.
    let positions: [String: Int]

    init(names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        for (position, name) in names.enumerated() where positions[name] == nil {
            positions[name] = position
        }
        self.positions = positions
    }
}

/// One result row, read by column name (the name as the SELECT spells it, or its `AS` alias).
///
/// Asking for a column the statement does not return is a programming error and stops the
/// process with the list of columns it does return; a `NULL` value is `.null` / `nil`.
///
/// ```swift
/// for row in try db.query("SELECT name, enabled FROM keys WHERE vault = ?", [.text(vault)]) {
///     let name = row.string("name")!      // TEXT
///     let enabled = row.bool("enabled")   // INTEGER 0 / 1
/// }
/// ```
public struct Row: Sendable {
    private let index: ColumnIndex
    private let values: [SQLValue]

    init(index: ColumnIndex, values: [SQLValue]) {
        self.index = index
        self.values = values
    }

    /// The column names in result order.
    public var columns: [String] { index.names }

    /// The value of `column`.
    public subscript(_ column: String) -> SQLValue {
        guard let position = index.positions[column] else {
            preconditionFailure("no column \"\(column)\" in row; columns are \(index.names)")
        }
        return values[position]
    }

    /// The value when it is TEXT, else `nil`.
    public func string(_ c: String) -> String? {
        if case .text(let value) = self[c] { return value }
        return nil
    }

    /// The value when it is INTEGER, else `nil`.
    public func int(_ c: String) -> Int64? {
        if case .integer(let value) = self[c] { return value }
        return nil
    }

    /// The value when it is INTEGER, as `value != 0`, else `nil`.
    public func bool(_ c: String) -> Bool? { int(c).map { $0 != 0 } }

    /// The value when it is REAL, else `nil`.
    public func double(_ c: String) -> Double? {
        if case .real(let value) = self[c] { return value }
        return nil
    }

    /// The value when it is a BLOB, else `nil`.
    public func data(_ c: String) -> Data? {
        if case .blob(let value) = self[c] { return value }
        return nil
    }
}
