import Foundation

/// A due date read from a follow-up as minuted: "KP to send the list by 30 June" is due on
/// 30 June (of the year that puts it on or after the meeting), "… by the next meeting" on the
/// date the meeting set for the next one. The text itself is kept as typed; a "by …" that is
/// not a date ("by end of term", "by Friday") is reported, never guessed.
public enum DuePhrase {
    public struct Result: Hashable, Sendable {
        /// The date found, if any.
        public var due: Day?
        /// The words after "by" that were not read as a date ("end of term"), when no date was found.
        public var unrecognised: String?
        /// "by the next meeting" with no next date set for the meeting.
        public var needsNextDate = false
    }

    static let months: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december"]
        var out: [String: Int] = [:]
        for (i, n) in names.enumerated() {
            out[n] = i + 1
            out[String(n.prefix(3))] = i + 1
        }
        out["sept"] = 9
        return out
    }()

    /// Reads the due date of `text`, raised at the meeting of `meeting`, whose next meeting is
    /// `next` (when set).
    public static func parse(_ text: String, meeting: Day, next: Day?) -> Result {
        let words = text.split(whereSeparator: { $0.isWhitespace }).map { w in
            w.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?()")).lowercased()
        }
        var result = Result()
        // The last "by" or "before" is the one that says when: "KP to go by bus to … by 3 May".
        for i in words.indices.reversed() where words[i] == "by" || words[i] == "before" {
            let rest = Array(words[(i + 1)...])
            if let day = date(rest, meeting: meeting) {
                return Result(due: day)
            }
            if isNextMeeting(rest) {
                if let next { return Result(due: next) }
                result.needsNextDate = true
                return result
            }
            if result.unrecognised == nil, !rest.isEmpty { result.unrecognised = rest.prefix(4).joined(separator: " ") }
        }
        return result
    }

    static func isNextMeeting(_ w: [String]) -> Bool {
        let rest = w.first == "the" ? Array(w.dropFirst()) : w
        return rest.count >= 2 && rest[0] == "next" && rest[1] == "meeting"
    }

    /// "30 June", "30th June 2027", "June 30", "30/6", "30/06/2027", "2027-06-30".
    static func date(_ w: [String], meeting: Day) -> Day? {
        var w = w
        if w.first == "the" { w.removeFirst() }
        guard let first = w.first else { return nil }
        if let d = Day.parseInput(first), first.count == 10 { return d }
        if first.contains("/") {
            let parts = first.split(separator: "/").compactMap { Int($0) }
            guard parts.count >= 2, parts.count == first.split(separator: "/").count else { return nil }
            return make(day: parts[0], month: parts[1], year: parts.count == 3 ? parts[2] : nil, meeting: meeting)
        }
        if let d = dayNumber(first), w.count >= 2, let m = months[w[1] == "of" && w.count >= 3 ? w[2] : w[1]] {
            let yearWord = w[1] == "of" ? (w.count >= 4 ? w[3] : nil) : (w.count >= 3 ? w[2] : nil)
            return make(day: d, month: m, year: yearWord.flatMap(year), meeting: meeting)
        }
        if let m = months[first], w.count >= 2, let d = dayNumber(w[1]) {
            return make(day: d, month: m, year: w.count >= 3 ? year(w[2]) : nil, meeting: meeting)
        }
        return nil
    }

    static func dayNumber(_ w: String) -> Int? {
        var s = Substring(w)
        for suffix in ["st", "nd", "rd", "th"] where s.hasSuffix(suffix) { s = s.dropLast(2) }
        guard let n = Int(s), (1...31).contains(n) else { return nil }
        return n
    }

    static func year(_ w: String) -> Int? {
        guard w.count == 4, let n = Int(w), n >= 1900 else { return nil }
        return n
    }

    /// The date with that day and month: in `year` when given, else the first on or after
    /// the meeting.
    static func make(day: Int, month: Int, year: Int?, meeting: Day) -> Day? {
        var y = year ?? meeting.components.year
        if let year, year < 100 { y = 2000 + year }
        guard let d = Day(year: y, month: month, day: day) else { return nil }
        if year == nil, d < meeting { return Day(year: y + 1, month: month, day: day) }
        return d
    }
}
