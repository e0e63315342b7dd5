import Foundation

/// A calendar date with no time of day: the day a meeting was held.
///
/// Stored as the number of days since 1970-01-01 so that replay never allocates a
/// `Date` or consults a calendar per event; conversions use the proleptic Gregorian
/// calendar (Howard Hinnant's `days_from_civil`), which is what ISO 8601 dates mean.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int32

    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// Makes a day from its year, month and day of month, or nil when no such date exists.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.ordinal = Int32(Day.daysFromCivil(year, month, day))
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    /// Year, month (1–12) and day of month (1–31).
    public var components: (year: Int, month: Int, day: Int) {
        Day.civilFromDays(Int(ordinal))
    }

    /// The ISO 8601 form, `2009-06-26`: the only form written to the journal.
    public var iso: String {
        let c = components
        return Day.pad(c.year, 4) + "-" + Day.pad(c.month, 2) + "-" + Day.pad(c.day, 2)
    }

    public var description: String { iso }

    /// The short form minutes use in headings, `26 June`.
    public var short: String {
        let c = components
        return "\(c.day) \(Day.monthNames[c.month - 1])"
    }

    /// The long form, `26 June 2009`.
    public var long: String { short + " \(components.year)" }

    /// A short form with the abbreviated month, `26 Jun`, for narrow columns.
    public var compact: String {
        let c = components
        return "\(c.day) \(Day.monthNames[c.month - 1].prefix(3))"
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + Int32(days)) }

    /// Parses exactly `YYYY-MM-DD`; nil for any other text or an impossible date such as 2009-02-30.
    public static func parseISO(_ text: String) -> Day? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { parseISO(bytes: $0[...]) }
    }

    /// Parses `YYYY-MM-DD` from raw bytes without allocating: the journal parser's path.
    public static func parseISO(bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Day? {
        guard bytes.count == 10 else { return nil }
        let b = bytes.base, s = bytes.startIndex
        guard b[s + 4] == UInt8(ascii: "-"), b[s + 7] == UInt8(ascii: "-"),
              let y = digits(b, s, 4), let m = digits(b, s + 5, 2), let d = digits(b, s + 8, 2)
        else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// Parses what a person types for a date: ISO, `today` or `yesterday` (relative to `today`).
    public static func parseInput(_ text: String, today: Day = .today()) -> Day? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "today": return today
        case "yesterday": return today.adding(days: -1)
        case "tomorrow": return today.adding(days: 1)
        case let other: return parseISO(other)
        }
    }

    /// Today in the local time zone: the day a person in the meeting room would name.
    public static func today(now: Date = Date(), timeZone: TimeZone = .current) -> Day {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: now)
        return Day(ordinal: Int32(floorDiv(seconds, 86_400)))
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func digits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for i in start..<(start + count) {
            let c = b[i] &- UInt8(ascii: "0")
            guard c < 10 else { return nil }
            value = value * 10 + Int(c)
        }
        return value
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
