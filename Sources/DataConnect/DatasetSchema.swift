// DataConnect: a dataset's schema as data: columns with types and shapes, casing, scope and date filter.

import Foundation

/// The column types the dataset pages use (`string`, `boolean`, `datetime`, `int32`, `int64`,
/// `object`, `array`). A `datetime` is an ISO-8601 string ending in `Z`.
public enum ColumnType: String, Sendable, Equatable {
    case string, boolean, datetime, int32, int64, object, array
}

/// One column: its name as the rows spell it, its type, whether `null` occurs, and the nested shape
/// of objects and arrays (documentation only, e.g. `{emailAddress:{name,address}}`).
public struct DatasetColumn: Sendable, Equatable {
    public let name: String
    public let type: ColumnType
    public let nullable: Bool
    public let shape: String?

    public init(_ name: String, _ type: ColumnType, nullable: Bool = false, shape: String? = nil) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.shape = shape
    }

    /// Why `value` is not a value of this column (nil when it is).
    func problem(with value: JSONValue) -> String? {
        let fits: Bool
        switch (type, value) {
        case (_, .null): fits = nullable
        case (.string, .string), (.boolean, .bool), (.int32, .int), (.int64, .int), (.object, .object), (.array, .array): fits = true
        case (.datetime, .string(let text)): fits = RowTime.parse(text) != nil && text.hasSuffix("Z")
        default: fits = false
        }
        return fits ? nil : "\(name) is not a\(nullable ? " nullable" : "") \(type.rawValue): \(String(decoding: value.serialized().prefix(60), as: UTF8.self))"
    }
}

/// Everything a dataset promises about its rows, as data.
public struct DatasetSchema: Sendable {
    /// How the documented column names are written (dataconnect-spec.md §6.2).
    public enum Casing: String, Sendable { case camelCase, PascalCase }

    /// Whose data a row is: a user's (`puser`, group scopes select users) or the tenant's (SharePoint).
    public enum Scope: Sendable, Equatable { case users, tenant }

    /// How `--start-time`/`--end-time` apply (dataconnect-spec.md §4.2).
    public enum DateFilter: Sendable, Equatable {
        /// No date filter: the options are refused.
        case none
        /// `dateFilterColumn` is one of `allowed` (`default` when not given); rows with the column in [start, end).
        case column(allowed: [String], default: String)
        /// CalendarView: start and end required, no filter column; events starting at or after start and ending by end.
        case calendarWindow
        /// SharePoint: `SnapshotDate` days; one day (or none) is a full snapshot, two days a delta.
        case snapshotDate
    }

    public let name: String
    /// The documented columns, in the documentation's order.
    public let columns: [DatasetColumn]
    /// Undocumented bookkeeping columns the sample rows carry after the documented ones (may be empty).
    public let systemColumns: [DatasetColumn]
    public let casing: Casing
    public let scope: Scope
    public let dateFilter: DateFilter
    /// Documented columns every row carries whatever `--columns` selects (the `p*` identity columns,
    /// and SharePoint's `SnapshotDate`/`Operation`, which say what a row is).
    public let alwaysDelivered: [String]

    public var columnNames: [String] { columns.map(\.name) }
    public var systemColumnNames: [String] { systemColumns.map(\.name) }

    /// The column called `name`, documented or system.
    public func column(_ name: String) -> DatasetColumn? {
        columns.first { $0.name == name } ?? systemColumns.first { $0.name == name }
    }

    /// Every way `row` departs from the schema: missing, unknown or misplaced members and values of the
    /// wrong type. `expected` is the member list the row should have (default: all columns).
    public func problems(in row: JSONValue, expected: [String]? = nil) -> [String] {
        let names = expected ?? (columnNames + systemColumnNames)
        var problems: [String] = []
        if row.keys != names {
            let missing = names.filter { !row.keys.contains($0) }
            let unknown = row.keys.filter { !names.contains($0) }
            problems.append("members differ: missing \(missing), unknown \(unknown)\(missing.isEmpty && unknown.isEmpty ? ", order differs" : "")")
        }
        for key in row.keys {
            guard let column = column(key), let value = row[key] else { continue }
            if let problem = column.problem(with: value) { problems.append(problem) }
        }
        return problems
    }

    /// The columns whose casing departs from the dataset's (the `p*` system names and `ODataType` are
    /// written the same in every dataset and are not checked).
    public var miscasedColumns: [String] {
        let exempt: Set<String> = ["puser", "ptenant", "pObjectId", "ODataType"]
        return columnNames.filter { name in
            guard !exempt.contains(name), let first = name.unicodeScalars.first else { return false }
            let upper = CharacterSet.uppercaseLetters.contains(first)
            return casing == .camelCase ? upper : !upper
        }
    }
}

/// The bookkeeping columns of the Exchange, AAD and Teams sample rows (dataconnect-spec.md §6.2).
enum BookkeepingColumns {
    static let columns = [
        DatasetColumn("pAdditionalInfo", .string, nullable: true),
        DatasetColumn("datarow", .int64),
        DatasetColumn("userrow", .int64),
        DatasetColumn("pagerow", .int64),
        DatasetColumn("rowinformation", .object, shape: "{errorInformation,userReturnedNoData,isUserSummaryRow,userHasCompleteData}"),
    ]
}
