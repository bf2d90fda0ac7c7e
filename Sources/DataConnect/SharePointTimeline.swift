// DataConnect: the synthetic tenant's SharePoint history: 21 daily snapshots and each object's lifecycle.

import Foundation

/// SharePoint datasets are daily snapshots (dataconnect-spec.md §4.2): available 48 hours after the
/// day and kept 21 days; the same start and end day give a full snapshot, two days the delta between
/// them. **Our choice**: the synthetic tenant has a fixed history of 21 snapshots,
/// 2025-03-11 ... 2025-03-31, whatever the date of the run, so a seed gives the same rows any day.
///
/// Each object (site, permission) has a lifecycle drawn from the seed: the day it appears (before
/// the history for most), the day it is deleted (rarely), and the days it changes. Its state on a
/// day is then a pure function, so a snapshot or a delta is computed object by object, streaming.
public enum SharePointTimeline {
    public static let firstDay = RowTime.seconds(year: 2025, month: 3, day: 11)
    public static let dayCount = 21
    public static let lastDay = firstDay + Int64(dayCount - 1) * 86_400

    /// The selection for `--sharepoint-mode`, `--start-time`, `--end-time` (usage errors otherwise):
    /// no dates: the latest snapshot; one day, or the same day twice: that snapshot; two days: the
    /// delta (or a usage error when the mode says snapshot).
    static func selection(mode: SharePointMode?, start: Int64?, end: Int64?) throws -> SharePointSelection {
        let startDay = try start.map { try day($0, option: "--start-time") }
        let endDay = try end.map { try day($0, option: "--end-time") }
        switch mode {
        case .snapshot:
            if let startDay, let endDay, startDay != endDay {
                throw DataConnectError(.usage, "--sharepoint-mode snapshot takes one day: --start-time and --end-time must fall on the same day (a full snapshot); two days give a delta")
            }
            return .snapshot(day: startDay ?? endDay ?? lastDay)
        case .delta:
            guard let startDay else {
                throw DataConnectError(.usage, "--sharepoint-mode delta needs --start-time (the day of the earlier snapshot)")
            }
            let to = endDay ?? lastDay
            guard startDay < to else {
                throw DataConnectError(.usage, "--sharepoint-mode delta needs --start-time on an earlier day than --end-time (or than the latest snapshot, \(text(lastDay)))")
            }
            return .delta(from: startDay, to: to)
        case nil:
            switch (startDay, endDay) {
            case let (from?, to?) where from != to:
                guard from < to else { throw DataConnectError(.usage, "--start-time must not be after --end-time") }
                return .delta(from: from, to: to)
            default:
                return .snapshot(day: startDay ?? endDay ?? lastDay)
            }
        }
    }

    private static func day(_ seconds: Int64, option: String) throws -> Int64 {
        let day = RowTime.startOfDay(seconds)
        guard day >= firstDay, day <= lastDay else {
            throw DataConnectError(.usage, "\(option): no SharePoint snapshot for \(text(day)); the synthetic tenant keeps \(dayCount) daily snapshots, \(text(firstDay)) to \(text(lastDay))")
        }
        return day
    }

    private static func text(_ day: Int64) -> String { String(RowTime.text(seconds: day).prefix(10)) }

    /// Index (0 ..< dayCount) of a snapshot day.
    static func index(of day: Int64) -> Int { Int((day - firstDay) / 86_400) }

    /// The snapshot day with index `index`.
    static func day(index: Int) -> Int64 { firstDay + Int64(index) * 86_400 }
}

/// One object's history over the snapshot days (indices 0 ..< dayCount).
struct SharePointLifecycle: Sendable {
    /// First day the object exists (negative: before the history).
    let born: Int
    /// First day it no longer exists (nil: never deleted).
    let gone: Int?
    /// Days on which it changed, ascending.
    let changes: [Int]

    func exists(on day: Int) -> Bool { born <= day && (gone.map { day < $0 } ?? true) }

    /// How many changes happened up to and including `day`.
    func version(on day: Int) -> Int { changes.filter { $0 <= day }.count }

    /// What a delta from day `from` to day `to` reports, with the day whose state the row shows.
    func operation(from: Int, to: Int) -> (operation: String, stateDay: Int)? {
        switch (exists(on: from), exists(on: to)) {
        case (false, true): return ("Created", to)
        case (true, false): return ("Deleted", (gone ?? to) - 1)
        case (true, true): return version(on: from) != version(on: to) ? ("Updated", to) : nil
        case (false, false): return nil
        }
    }

    /// A lifecycle from `random`: mostly pre-existing; `bornChance` of appearing during the history,
    /// `goneChance` of being deleted during it; a change on each day with `changeChance`.
    static func draw(_ random: inout DeterministicRandom, bornChance: Double, goneChance: Double, changeChance: Double) -> SharePointLifecycle {
        let count = SharePointTimeline.dayCount
        let born = random.chance(bornChance) ? random.int(in: 1...(count - 1)) : -random.int(in: 30...900)
        var gone: Int?
        if random.chance(goneChance) {
            let earliest = max(born + 1, 1)
            if earliest <= count - 1 { gone = random.int(in: earliest...(count - 1)) }
        }
        let changes = (0..<count).filter { _ in random.chance(changeChance) }.filter { $0 > born }
        return SharePointLifecycle(born: born, gone: gone, changes: changes)
    }
}
