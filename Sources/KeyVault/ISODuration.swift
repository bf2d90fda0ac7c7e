// KeyVault: ISO 8601 durations of rotation policies (P90D, P1Y, P2M, P1W, PT12H ...).

import Foundation

/// A duration as rotation policies write them, applied on the UTC Gregorian calendar (P1M from
/// 31 January is the last day of February), kept with its original text for the wire.
///
/// ```swift
/// let d = try ISODuration("P2M")
/// d.added(to: Date(unixSeconds: 0))   // 1970-03-01T00:00:00Z
/// ```
struct ISODuration: Sendable, Equatable {
    let text: String
    private(set) var years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0

    /// Parses `P[nY][nM][nW][nD][T[nH][nM][nS]]` (integers, at least one part); `nil` otherwise.
    init?(_ text: String) {
        self.text = text
        let upper = text.uppercased()
        guard upper.hasPrefix("P"), upper.count > 1 else { return nil }
        var inTime = false
        var number = ""
        var sawPart = false
        for character in upper.dropFirst() {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            if character == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
                continue
            }
            guard let value = Int(number), value >= 0, value <= 100_000 else { return nil }
            number = ""
            sawPart = true
            switch (inTime, character) {
            case (false, "Y"): years = value
            case (false, "M"): months = value
            case (false, "W"): weeks = value
            case (false, "D"): days = value
            case (true, "H"): hours = value
            case (true, "M"): minutes = value
            case (true, "S"): seconds = value
            default: return nil
            }
        }
        guard number.isEmpty, sawPart, !upper.hasSuffix("T") else { return nil }
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    private func components(sign: Int) -> DateComponents {
        DateComponents(year: sign * years, month: sign * months, day: sign * (weeks * 7 + days),
                       hour: sign * hours, minute: sign * minutes, second: sign * seconds)
    }

    /// `date` plus this duration.
    func added(to date: Date) -> Date {
        Self.calendar.date(byAdding: components(sign: 1), to: date) ?? date
    }

    /// `date` minus this duration.
    func subtracted(from date: Date) -> Date {
        Self.calendar.date(byAdding: components(sign: -1), to: date) ?? date
    }

    /// Whether the duration, counted from `reference`, lasts at least `days` days.
    func lasts(atLeastDays days: Int, from reference: Date) -> Bool {
        added(to: reference).timeIntervalSince(reference) >= TimeInterval(days) * 86_400
    }
}
