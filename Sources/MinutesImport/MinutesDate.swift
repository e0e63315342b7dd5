import Foundation
import MinutesCore

/// A date as minutes write it: "26th June", "15 May 2009", "June 26", "Friday 26th June.",
/// "2009-06-26", "26/06/2009". The year is often left out.
public struct MinutesDate: Hashable, Sendable, CustomStringConvertible {
    public var day: Int
    public var month: Int
    public var year: Int?

    public init(day: Int, month: Int, year: Int?) {
        self.day = day
        self.month = month
        self.year = year
    }

    public var description: String {
        let name = MinutesDate.monthNames[month - 1].prefix(1).uppercased() + MinutesDate.monthNames[month - 1].dropFirst()
        return "\(day) \(name)" + (year.map { " \($0)" } ?? "")
    }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                             "september", "october", "november", "december"]
    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]

    static func month(_ word: String) -> Int? {
        if word == "sept" { return 9 }
        guard word.count >= 3 else { return nil }
        return monthNames.firstIndex { $0 == word || (word.count == 3 && $0.hasPrefix(word)) }.map { $0 + 1 }
    }

    /// The whole of `text` read as a date, or nil when it is anything else (a note that merely
    /// mentions a date is not a date line).
    public static func parse(_ text: String) -> MinutesDate? {
        var t = text.trimmingCharacters(in: .whitespaces).lowercased()
        while let last = t.last, ".:,;".contains(last) { t.removeLast() }
        if let iso = Day.parseISO(t) {
            let c = iso.components
            return MinutesDate(day: c.day, month: c.month, year: c.year)
        }
        let numeric = t.split(whereSeparator: { $0 == "/" || $0 == "." })
        if numeric.count == 3, numeric.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
           let d = Int(numeric[0]), let m = Int(numeric[1]), var y = Int(numeric[2]) {
            if numeric[2].count == 2 { y += 2000 }
            return valid(day: d, month: m, year: y)
        }
        var day: Int?, month: Int?, year: Int?
        for word in t.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\u{A0}" || $0 == "\t" }) {
            let w = String(word)
            if weekdays.contains(w) || w == "of" { continue }
            if let m = Self.month(w), month == nil { month = m; continue }
            let digits = w.prefix { $0.isASCII && $0.isNumber }
            let suffix = w.dropFirst(digits.count)
            guard !digits.isEmpty, ["", "st", "nd", "rd", "th"].contains(suffix), let n = Int(digits) else { return nil }
            if digits.count == 4, suffix.isEmpty, year == nil { year = n } else if digits.count <= 2, day == nil { day = n } else { return nil }
        }
        guard let day, let month else { return nil }
        return valid(day: day, month: month, year: year)
    }

    static func valid(day: Int, month: Int, year: Int?) -> MinutesDate? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        // Checked against a leap year when the year is not known, so 29 February passes.
        guard Day(year: year ?? 2000, month: month, day: day) != nil else { return nil }
        return MinutesDate(day: day, month: month, year: year)
    }

    /// The day this date names at a meeting held on `meeting`: its own year, or the year that
    /// puts it on or before the meeting (a "10th December" in January minutes is last year's).
    public func resolved(near meeting: Day) -> Day? {
        if let year { return Day(year: year, month: month, day: day) }
        let y = meeting.components.year
        guard let same = Day(year: y, month: month, day: day) else { return Day(year: y - 1, month: month, day: day) }
        return same > meeting ? Day(year: y - 1, month: month, day: day) : same
    }
}
