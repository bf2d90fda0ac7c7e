// DataConnect: ISO-8601 `Z` timestamps from seconds, computed without formatters or locale.

import Foundation

/// Datetimes as the datasets write them: `2025-02-03T14:05:09Z` (UTC, whole seconds).
///
/// Formatting is plain calendar arithmetic (Howard Hinnant's days-from-civil algorithm), so it is
/// thread-safe, fast and identical on every machine.
///
/// ```swift
/// RowTime.text(seconds: 0)            // "1970-01-01T00:00:00Z"
/// RowTime.never                       // "0001-01-01T00:00:00Z", Exchange's "not set"
/// ```
public enum RowTime {
    /// The value the samples show for a date that was never set.
    public static let never = "0001-01-01T00:00:00Z"

    public static func text(seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)):\(two(secondOfDay % 60))Z"
    }

    public static func text(_ date: Date) -> String {
        text(seconds: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// Seconds since 1970 of a UTC calendar date.
    public static func seconds(year: Int64, month: Int64, day: Int64, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0) -> Int64 {
        days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension RowTime {
    private static let weekdays = ["Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"]
    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]

    private static func parts(_ seconds: Int64) -> (weekday: Int, year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let weekday = Int(((days % 7) + 7) % 7)   // 1970-01-01 was a Thursday
        return (weekday, year, month, day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60)
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// An RFC 5322 date as mail headers carry it: `Mon, 3 Feb 2025 14:05:09 +0000`.
    public static func mailHeaderDate(seconds: Int64) -> String {
        let p = parts(seconds)
        let weekday = weekdays[p.weekday].prefix(3)
        let month = months[Int(p.month) - 1].prefix(3)
        return "\(weekday), \(p.day) \(month) \(p.year) \(two(p.hour)):\(two(p.minute)):\(two(p.second)) +0000"
    }

    /// The "Sent:" line of a quoted reply, as Outlook writes it: `Monday, February 3, 2025 2:05 PM`.
    public static func quotedSentDate(seconds: Int64) -> String {
        let p = parts(seconds)
        let hour12 = p.hour % 12 == 0 ? 12 : p.hour % 12
        return "\(weekdays[p.weekday]), \(months[Int(p.month) - 1]) \(p.day), \(p.year) \(hour12):\(two(p.minute)) \(p.hour < 12 ? "AM" : "PM")"
    }
}

extension RowTime {
    /// Seconds since 1970 of an ISO-8601 date or date-time: `2025-02-03`, `2025-02-03T14:05Z`,
    /// `2025-02-03T14:05:09Z`, `2025-02-03T14:05:09.1234567Z` (fraction dropped), `...+01:00` offsets;
    /// no zone means UTC (as Graph reads calendar windows). Nil for anything else, including
    /// out-of-range fields (month 13, 25:00).
    public static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int64? {
            guard index + digits <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[index..<index + digits] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            index += digits
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        let normalized = civil(fromDays: days(fromCivil: year, month, day))
        guard normalized.0 == year, normalized.1 == month, normalized.2 == day else { return nil }   // no 30 February
        var seconds = RowTime.seconds(year: year, month: month, day: day)
        if index == bytes.count { return seconds }
        guard expect("T"), let hour = number(2), expect(":"), let minute = number(2), hour < 24, minute < 60 else { return nil }
        seconds += hour * 3600 + minute * 60
        if expect(":") {
            guard let second = number(2), second < 60 else { return nil }
            seconds += second
            if expect(".") {
                let start = index
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
                guard index > start else { return nil }
            }
        }
        if index == bytes.count { return seconds }
        if expect("Z") { return index == bytes.count ? seconds : nil }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = bytes[index] == UInt8(ascii: "+") ? 1 : -1
        index += 1
        guard let offsetHours = number(2), expect(":"), let offsetMinutes = number(2), index == bytes.count,
              offsetHours < 24, offsetMinutes < 60 else { return nil }
        return seconds - sign * (offsetHours * 3600 + offsetMinutes * 60)
    }

    /// Midnight UTC of the day holding `seconds`.
    public static func startOfDay(_ seconds: Int64) -> Int64 {
        (seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400) * 86_400
    }
}
