import Foundation

/// The one reading of what people type: lists of people (attendance, owners), follow-up
/// phrases and dates. The app's prompts and the command line's arguments both come here, so
/// "KP DD Kath Corcoran, IH" means the same wherever it is typed.
public enum EntryInput {
    // MARK: - People

    /// People named in a list, as typed for attendance, a chair or new owners:
    /// "KP DD CDM Kath Corcoran, IH", "RO, JB and Youth Service", "kp dd".
    ///
    /// Commas, semicolons, slashes and " and " separate; inside a part, known names (full
    /// names, "Kath Corcoran"; a first name only when it is the whole part and unique) become
    /// the person's initials, words that read as initials (capitals, or known initials in any
    /// case) become initials, and the other words are kept together as typed ("Youth Service").
    public static func people(_ text: String, directory: OwnerDirectory) -> [String] {
        var result: [String] = []
        for part in parts(text) {
            let words = part.split(whereSeparator: \.isWhitespace).map(String.init)
            if words.count == 1, case .one(let p) = directory.matchFirstName(OwnerParser.fold(Substring(words[0]))),
               !Owner.looksLikeInitials(words[0]) {
                result.append(p.initials)
                continue
            }
            var free: [String] = []
            func flushFree() {
                if !free.isEmpty { result.append(free.joined(separator: " ")) }
                free = []
            }
            var i = 0
            while i < words.count {
                if let (person, used) = longestName(words, from: i, directory) {
                    flushFree()
                    result.append(person.initials)
                    i += used
                    continue
                }
                let w = words[i]
                let upper = w.uppercased()
                if Person.isValidInitials(upper), w == upper || directory.person(initials: upper) != nil {
                    flushFree()
                    result.append(upper)
                } else {
                    free.append(w)
                }
                i += 1
            }
            flushFree()
        }
        var seen = Set<String>()
        return result.filter { seen.insert($0.uppercased()).inserted }
    }

    public static func people(_ text: String, people: [Person]) -> [String] {
        self.people(text, directory: OwnerDirectory(people))
    }

    /// Owners typed on their own, for a reassignment: "DD", "KP and DD", "Kath Corcoran".
    public static func owners(_ text: String, directory: OwnerDirectory) -> [Owner] {
        people(text, directory: directory).map(Owner.init(journalValue:))
    }

    public static func owners(_ text: String, people: [Person]) -> [Owner] {
        owners(text, directory: OwnerDirectory(people))
    }

    /// A follow-up as typed: "KP and DD to adjust and e-mail the organisation".
    /// A follow-up as minute-takers phrase it ("KP to …", "Action: KP", "K. Corcoran is
    /// organising …"): the owners found, and the text, kept as typed (owners included) unless
    /// it was written as initials then "to" (see `FollowUpPhrasing`). The app and `add todo`
    /// read follow-ups through this one reading.
    public static func followUp(_ text: String, people: [Person]) -> ParsedFollowUp {
        FollowUpPhrasing.parse(text, people: people).parsed
    }

    /// A follow-up as the minutes write it: "KC to look at the rota". A text typed without an
    /// owner starts with a capital ("Look at the rota"); once it has one, the capital would
    /// stand mid-sentence, so a plain capitalised first word is lowered. Acronyms, names in
    /// the directory and "I" keep their case.
    public static func sentence(owners: [Owner], text: String, people: [String: Person] = [:]) -> String {
        // Text kept as typed already names its owners ("Sheelagh Davis to contact …").
        guard !owners.isEmpty, !FollowUpPhrasing.namesItsOwners(text) else { return text }
        return Owner.phrase(owners) + " to " + lowerFirstWord(text, people: people)
    }

    /// The text with its first word lowered when it is an ordinary capitalised word.
    public static func lowerFirstWord(_ text: String, people: [String: Person] = [:]) -> String {
        guard let first = text.first, first.isUppercase else { return text }
        let word = text.prefix { $0.isLetter }
        guard word.count >= 2, word.dropFirst().allSatisfy({ $0.isLowercase }) else { return text }
        if people.values.contains(where: { $0.name.split(separator: " ").contains(Substring(word)) }) { return text }
        return first.lowercased() + text.dropFirst()
    }

    // MARK: - Dates

    /// A date read from what was typed, and whether its year was inferred (so the screen
    /// can say which year it took).
    public struct DateReading: Sendable, Hashable {
        public var day: Day
        public var yearInferred: Bool

        public init(day: Day, yearInferred: Bool) {
            self.day = day
            self.yearInferred = yearInferred
        }
    }

    /// A date as people type it: 2009-05-15, today, yesterday, tomorrow, "15th May 2009",
    /// "15 May 09", "May 15, 2009", "17 Sep", "15/5/2009" (day first, as in the UK).
    /// Without a year, the year is the one that puts the date nearest `reference` (the
    /// meeting being minuted, else today): "17 Sep" typed in January 2010 is September 2009.
    public static func date(_ typed: String, near reference: Day) -> DateReading? {
        let text = typed.trimmingCharacters(in: .whitespaces).lowercased()
        if let d = Day.parseInput(text, today: reference) { return DateReading(day: d, yearInferred: false) }
        var day: Int?, month: Int?, year: Int?
        let numericParts = text.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" })
        if numericParts.count >= 2, numericParts.count <= 3, numericParts.allSatisfy({ $0.allSatisfy(\.isNumber) }) {
            day = Int(numericParts[0])
            month = Int(numericParts[1])
            year = numericParts.count == 3 ? Int(numericParts[2]) : nil
        } else {
            let words = text.split(whereSeparator: { $0 == " " || $0 == "," })
            guard (2...4).contains(words.count) else { return nil }
            for w in words {
                if let m = monthNumber(w), month == nil {
                    month = m
                } else if let n = ordinal(w) {
                    if day == nil, n <= 31, w.count <= 4 { day = n } else if year == nil { year = n } else { return nil }
                } else if ["of", "the"].contains(String(w)) {
                    continue
                } else {
                    return nil
                }
            }
        }
        guard let d = day, let m = month, (1...12).contains(m) else { return nil }
        if let y = year {
            let full = y < 100 ? 2000 + y : y
            guard (1000...9999).contains(full), let day = Day(year: full, month: m, day: d) else { return nil }
            return DateReading(day: day, yearInferred: false)
        }
        // The year nearest the reference: this year, the one before or the one after.
        let year0 = reference.components.year
        let candidates = [year0 - 1, year0, year0 + 1].compactMap { Day(year: $0, month: m, day: d) }
        guard let best = candidates.min(by: { abs(Int($0.ordinal) - Int(reference.ordinal)) < abs(Int($1.ordinal) - Int(reference.ordinal)) })
        else { return nil }
        return DateReading(day: best, yearInferred: true)
    }

    /// What a prompt or an argument says about dates it cannot read.
    public static let dateForms = "a date such as 2009-05-15, 15 May 2009, 17 Sep, 15/5/2009, today or yesterday"

    // MARK: - Implementation

    /// "KP, DD and JB" → ["KP", "DD", "JB"]: parts separated by commas, semicolons, slashes, " and ", " & ".
    static func parts(_ text: String) -> [String] {
        var t = text.replacingOccurrences(of: "\t", with: " ")
        for sep in [" and ", " & ", ";", "/"] { t = t.replacingOccurrences(of: sep, with: ",", options: .caseInsensitive) }
        return t.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The longest run of 2…5 words from `start` that names one person in the directory.
    static func longestName(_ words: [String], from start: Int, _ directory: OwnerDirectory) -> (Person, Int)? {
        let maxEnd = min(words.count, start + OwnerParser.maxNameWords)
        guard maxEnd - start >= 2 else { return nil }
        for end in stride(from: maxEnd, through: start + 2, by: -1) {
            let folded = words[start..<end].map { OwnerParser.fold(Substring($0)) }
            if case .one(let p) = directory.matchName(folded) { return (p, end - start) }
        }
        return nil
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func monthNumber(_ word: Substring) -> Int? {
        let w = word.trimmingCharacters(in: .punctuationCharacters)
        guard w.count >= 3 else { return nil }
        let prefix = String(w.prefix(3))
        guard let i = months.firstIndex(of: prefix) else { return nil }
        // The whole word must be the month's name or a short form of it ("sept").
        let full = Day.monthNames[i].lowercased()
        return full.hasPrefix(w) || w == "sept" ? i + 1 : nil
    }

    /// 15, 15th, 1st, 2nd, 3rd, 2009.
    static func ordinal(_ word: Substring) -> Int? {
        var w = word.trimmingCharacters(in: .punctuationCharacters)
        for suffix in ["st", "nd", "rd", "th"] where w.hasSuffix(suffix) && w.count > 2 {
            w.removeLast(2)
            break
        }
        guard !w.isEmpty, w.allSatisfy(\.isNumber) else { return nil }
        return Int(w)
    }
}
