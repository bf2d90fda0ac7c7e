// DataConnect: what to extract from a dataset (columns, group scope, date window, SharePoint mode), checked.

import Foundation

/// SharePoint extraction modes (dataconnect-spec.md §4.2): a full snapshot of one day, or the
/// changes between two days' snapshots.
public enum SharePointMode: String, Sendable, CaseIterable {
    case snapshot, delta
}

/// The extraction flags of `dataconnect-agent run`, as given (the copy activity's `outputColumns`,
/// `allowedGroups`, `dateFilterColumn`, `startTime`, `endTime`). The defaults extract everything.
public struct ExtractionOptions: Sendable, Equatable {
    /// Data Connect's `allowedGroups` takes at most this many groups.
    public static let maximumScopeGroups = 10

    /// nil: every documented column.
    public var columns: [String]?
    /// Group object ids or mail nicknames; empty: the whole organisation.
    public var scopeGroups: [String] = []
    public var dateFilterColumn: String?
    public var startTime: String?
    public var endTime: String?
    public var sharePointMode: SharePointMode?

    public init() {}

    /// Checks the options against the dataset (everything except group names, which need the
    /// tenant). Every problem is a `usage` error naming the option.
    public func validate(for schema: DatasetSchema) throws -> ExtractionRequest {
        func usage(_ reason: String) -> DataConnectError { DataConnectError(.usage, reason) }
        var request = ExtractionRequest.defaults(for: schema)
        request.columns = try selectedColumns(schema)

        if scopeGroups.contains(where: { $0.isEmpty }) { throw usage("--scope-groups has an empty group name") }
        if scopeGroups.count > ExtractionOptions.maximumScopeGroups {
            throw usage("--scope-groups takes at most \(ExtractionOptions.maximumScopeGroups) groups (Data Connect's allowedGroups limit), got \(scopeGroups.count)")
        }
        if !scopeGroups.isEmpty, schema.scope == .tenant {
            throw usage("--scope-groups does not apply to \(schema.name): SharePoint datasets cover the whole tenant")
        }
        request.scopeGroups = scopeGroups

        if sharePointMode != nil, schema.dateFilter != .snapshotDate {
            throw usage("--sharepoint-mode applies only to the SharePoint datasets, not \(schema.name)")
        }
        let start = try startTime.map { try ExtractionOptions.time($0, option: "--start-time") }
        let end = try endTime.map { try ExtractionOptions.time($0, option: "--end-time") }
        let anyTime = start != nil || end != nil
        switch schema.dateFilter {
        case .none:
            if anyTime || dateFilterColumn != nil {
                throw usage("\(schema.name) has no date filter; --start-time, --end-time and --date-filter-column do not apply")
            }
        case .column(let allowed, let defaultColumn):
            guard anyTime else {
                if dateFilterColumn != nil { throw usage("--date-filter-column needs --start-time or --end-time") }
                break
            }
            var column = defaultColumn
            if let name = dateFilterColumn {
                guard let match = allowed.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else {
                    throw usage("--date-filter-column \(name) is not a date filter of \(schema.name); allowed: \(allowed.joined(separator: ", "))")
                }
                column = match
            }
            if let start, let end, start >= end { throw usage("--start-time (\(startTime!)) must be before --end-time (\(endTime!))") }
            request.filter = RowDateFilter(column: column, window: DateWindow(start: start, end: end))
        case .calendarWindow:
            if dateFilterColumn != nil { throw usage("\(schema.name) takes no --date-filter-column: its window is --start-time/--end-time") }
            guard let start, let end else { throw usage("\(schema.name) needs --start-time and --end-time (the calendar window)") }
            guard start < end else { throw usage("--start-time (\(startTime!)) must be before --end-time (\(endTime!))") }
            request.calendarWindow = DateWindow(start: start, end: end)
        case .snapshotDate:
            if let name = dateFilterColumn, name.caseInsensitiveCompare("SnapshotDate") != .orderedSame {
                throw usage("--date-filter-column \(name) is not a date filter of \(schema.name); allowed: SnapshotDate")
            }
            request.sharePoint = try SharePointTimeline.selection(mode: sharePointMode, start: start, end: end)
        }
        return request
    }

    /// `--columns` resolved: the documented columns asked for plus the always-delivered ones, in the
    /// dataset's order. System columns may be named (they are always delivered).
    private func selectedColumns(_ schema: DatasetSchema) throws -> [String] {
        guard let columns else { return schema.columnNames }
        guard !columns.isEmpty, !columns.contains(where: { $0.isEmpty }) else {
            throw DataConnectError(.usage, "--columns needs a comma-separated list of column names")
        }
        for name in columns where schema.column(name) == nil {
            let hint = schema.columnNames.first { $0.caseInsensitiveCompare(name) == .orderedSame }
                .map { " (did you mean \($0)? names follow the dataset's \(schema.casing.rawValue))" } ?? ""
            throw DataConnectError(.usage, "unknown column \(name) in --columns for \(schema.name)\(hint)")
        }
        let wanted = Set(columns).union(schema.alwaysDelivered)
        return schema.columnNames.filter { wanted.contains($0) }
    }

    static func time(_ text: String, option: String) throws -> Int64 {
        guard let seconds = RowTime.parse(text) else {
            throw DataConnectError(.usage, "\(option) must be an ISO-8601 time such as 2025-01-01T00:00:00Z, got \(text)")
        }
        return seconds
    }
}

/// A half-open time window [start, end); a missing bound is open.
public struct DateWindow: Sendable, Equatable {
    public let start: Int64?
    public let end: Int64?

    public func contains(_ seconds: Int64) -> Bool {
        (start.map { seconds >= $0 } ?? true) && (end.map { seconds < $0 } ?? true)
    }
}

/// Keep the rows whose `column` (a top-level datetime) lies in `window`.
public struct RowDateFilter: Sendable, Equatable {
    public let column: String
    public let window: DateWindow
}

/// Which SharePoint state a run delivers (days as seconds of midnight UTC).
public enum SharePointSelection: Sendable, Equatable {
    /// Every object as of that day, `Operation` `Full`.
    case snapshot(day: Int64)
    /// Objects created, updated or deleted after day `from` up to day `to`; `SnapshotDate` is `to`.
    case delta(from: Int64, to: Int64)
}

/// Validated extraction options, ready for the row sources.
public struct ExtractionRequest: Sendable, Equatable {
    /// The documented columns delivered, in the dataset's order.
    public var columns: [String]
    public var scopeGroups: [String]
    public var filter: RowDateFilter?
    /// CalendarView's window (default: the synthetic data window).
    public var calendarWindow: DateWindow
    public var sharePoint: SharePointSelection

    /// Everything, unfiltered: all columns, all users, the latest SharePoint snapshot, and for
    /// CalendarView the synthetic data window.
    public static func defaults(for schema: DatasetSchema) -> ExtractionRequest {
        ExtractionRequest(columns: schema.columnNames, scopeGroups: [], filter: nil,
                          calendarWindow: DateWindow(start: MessageV1Schema.windowStart, end: MessageV1Schema.windowEnd),
                          sharePoint: .snapshot(day: SharePointTimeline.lastDay))
    }
}
