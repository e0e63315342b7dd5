import Foundation

/// The values plans hold besides plain text: dates that may name only a month, approaches
/// that cite priorities by number, timescales, and the names `clear=` takes.

/// A plan's start or end: a day, or only a month ("Jan 2009"), as plans are often written.
/// A month is kept as its first day with `isMonth` set, and is written `2009-01`.
public struct PlanDate: Hashable, Sendable, Comparable {
    public var day: Day
    public var isMonth: Bool

    public init(day: Day, isMonth: Bool = false) {
        self.day = day
        self.isMonth = isMonth
    }

    /// The last day it covers: the month's last day for a month.
    public var lastDay: Day {
        guard isMonth else { return day }
        let c = day.components
        return Day(year: c.year, month: c.month, day: Day.daysIn(month: c.month, year: c.year))!
    }

    public static func < (a: PlanDate, b: PlanDate) -> Bool { a.day < b.day }

    /// How the journal writes it: `2009-01-26`, or `2009-01` for a month.
    public var journalValue: String { isMonth ? String(day.iso.prefix(7)) : day.iso }

    /// How documents show it: `26 January 2009`, or `Jan 2009` for a month.
    public var text: String {
        guard isMonth else { return day.long }
        let c = day.components
        return "\(Day.monthNames[c.month - 1].prefix(3)) \(c.year)"
    }

    public var year: Int { day.components.year }

    /// `YYYY-MM-DD` or `YYYY-MM` exactly: the journal's forms.
    public static func parseJournal(_ text: String) -> PlanDate? {
        if let d = Day.parseISO(text) { return PlanDate(day: d) }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 7, parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Day(year: y, month: m, day: 1) else { return nil }
        return PlanDate(day: d, isMonth: true)
    }

    /// What a person types: the journal's forms, a date `Day.parseInput` reads, or a month
    /// and year ("Jan 2009", "January 2009"). Nothing else is guessed.
    public static func parseInput(_ text: String, today: Day = .today()) -> PlanDate? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let p = parseJournal(t) { return p }
        if let m = monthAndYear(t) { return m }
        return Day.parseInput(t, today: today).map { PlanDate(day: $0) }
    }

    /// "Jan 2009", "January 2009", "jan. 2009": a month name (or its first three letters) and a year.
    public static func monthAndYear(_ text: String) -> PlanDate? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," })
        guard words.count == 2, words[1].count == 4, let y = Int(words[1]) else { return nil }
        var name = words[0].lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        guard name.count >= 3,
              let m = Day.monthNames.firstIndex(where: { $0.lowercased() == name || $0.lowercased().prefix(3) == name }),
              let d = Day(year: y, month: m + 1, day: 1) else { return nil }
        return PlanDate(day: d, isMonth: true)
    }
}

/// One lettered approach of a group plan ("A. Share good practice … on priorities 2, 4"):
/// its text and the priorities it serves, by number. Written `2,4: text` in the journal.
public struct PlanApproach: Hashable, Sendable {
    public var text: String
    public var priorities: [Int]

    public init(text: String, priorities: [Int] = []) {
        self.text = text
        self.priorities = priorities
    }

    /// Reads `2,4,6: text` (the cited priorities, then the text) or plain text.
    public init(journalValue s: String) {
        if let colon = s.firstIndex(of: ":") {
            let head = s[..<colon].split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let numbers = head.compactMap { Int($0) }
            if !head.isEmpty, numbers.count == head.count, numbers.allSatisfy({ $0 > 0 }) {
                self.init(text: s[s.index(after: colon)...].trimmingCharacters(in: .whitespaces), priorities: numbers)
                return
            }
        }
        self.init(text: s)
    }

    public var journalValue: String {
        priorities.isEmpty ? text : priorities.map(String.init).joined(separator: ",") + ": " + text
    }

    /// "on priorities 2, 4, 6", or "" when it cites none.
    public var citation: String {
        switch priorities.count {
        case 0: return ""
        case 1: return "on priority \(priorities[0])"
        default: return "on priorities " + priorities.map(String.init).joined(separator: ", ")
        }
    }

    /// The letter of the approach at `index`: A, B, …, Z, AA, AB, …
    public static func letter(_ index: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return index < 26 ? String(letters[index]) : letter(index / 26 - 1) + String(letters[index % 26])
    }
}

/// When an activity of an action plan is due: a day, a month, or words ("Ongoing",
/// "Spring term"). Kept as written; only the journal's exact date forms are read as dates.
public enum Timescale: Hashable, Sendable {
    case date(PlanDate)
    case text(String)

    public init(_ written: String) {
        self = PlanDate.parseJournal(written).map(Timescale.date) ?? .text(written)
    }

    public var text: String {
        switch self {
        case .date(let d): return d.text
        case .text(let t): return t
        }
    }
}

/// The plan fields a `clear=` names: each is emptied (a list) or unset (a single value).
public enum PlanFieldName: String, CaseIterable, Sendable {
    case title, language = "lang", lead, aim, statement = "purpose", priority, approach, resources = "resource", start, end, link, issue,
         baseline, success, plans, target, background = "context", code, owner, timescale = "timing"
}
