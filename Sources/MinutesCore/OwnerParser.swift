import Foundation

/// A follow-up as typed, split into who owns it and what is to be done.
///
/// "KP and DD to adjust and e-mail organisation" gives owners `[KP, DD]` and text
/// "adjust and e-mail organisation". A line with no owner phrase is unowned and keeps
/// its whole (trimmed) text.
public struct ParsedFollowUp: Hashable, Sendable {
    /// The owners in the order written, no duplicates (compared by `Owner.key`).
    public var owners: [Owner]
    /// The rest of the line, trimmed, first letter kept as typed.
    public var text: String
    /// Upper-case initials that are not in the directory: accepted as owners, flagged.
    public var unknownInitials: [String]
    /// Names that matched no person: kept as `.named` owners, flagged (bodies such as
    /// "Schools" are listed too; only "All", "Everyone" and "Everybody" are not).
    public var newNames: [String]
    /// Names that matched more than one person ("Sam" when there are two Sams):
    /// kept as `.named` owners as typed, flagged so the minute-taker can pick one.
    public var ambiguousNames: [String]

    public var isUnowned: Bool { owners.isEmpty }

    public init(
        owners: [Owner] = [], text: String, unknownInitials: [String] = [],
        newNames: [String] = [], ambiguousNames: [String] = []
    ) {
        self.owners = owners
        self.text = text
        self.unknownInitials = unknownInitials
        self.newNames = newNames
        self.ambiguousNames = ambiguousNames
    }
}

/// The directory folded for matching owner names: case and diacritics ignored,
/// "Zoe Ni Bhriain" finds "Zoë Ní Bhriain". Build it once per directory; `OwnerParser`
/// also keeps the last one it built, so passing the same `[Person]` again costs nothing.
public struct OwnerDirectory: Sendable {
    public let people: [Person]
    private let byInitials: [String: Int]
    private let byFullName: [String: [Int]]
    private let byFirstName: [String: [Int]]
    /// Everything after the first name ("ní bhriain") and the last word ("bhriain").
    private let bySurname: [String: [Int]]
    /// First name and last word: "kate corcoran" for "Kate Mary Corcoran".
    private let byFirstLast: [String: [Int]]
    /// First initial and surname: "k corcoran".
    private let byInitialSurname: [String: [Int]]

    public init(_ people: [Person]) {
        self.people = people
        var initials: [String: Int] = [:]
        var full: [String: [Int]] = [:], first: [String: [Int]] = [:], surname: [String: [Int]] = [:]
        var firstLast: [String: [Int]] = [:], initialSurname: [String: [Int]] = [:]
        func add(_ key: String, _ i: Int, to dict: inout [String: [Int]]) {
            if dict[key, default: []].contains(i) { return }
            dict[key, default: []].append(i)
        }
        for (i, p) in people.enumerated() {
            let key = p.initials.uppercased()
            if initials[key] == nil { initials[key] = i }
            let words = p.name.split(whereSeparator: \.isWhitespace).map(OwnerParser.fold).filter { !$0.isEmpty }
            guard let firstWord = words.first else { continue }
            add(words.joined(separator: " "), i, to: &full)
            add(firstWord, i, to: &first)
            guard words.count >= 2 else { continue }
            let rest = words.dropFirst().joined(separator: " ")
            let last = words[words.count - 1]
            let initial = String(firstWord.prefix(1))
            add(rest, i, to: &surname)
            add(last, i, to: &surname)
            add(firstWord + " " + last, i, to: &firstLast)
            add(initial + " " + rest, i, to: &initialSurname)
            add(initial + " " + last, i, to: &initialSurname)
        }
        byInitials = initials
        byFullName = full
        byFirstName = first
        bySurname = surname
        byFirstLast = firstLast
        byInitialSurname = initialSurname
    }

    enum Match { case none, one(Person), many }

    func person(initials upper: String) -> Person? {
        byInitials[upper].map { people[$0] }
    }

    private func match(_ dict: [String: [Int]], _ key: String) -> Match {
        guard let hits = dict[key] else { return .none }
        return hits.count == 1 ? .one(people[hits[0]]) : .many
    }

    /// A lone first name, folded.
    func matchFirstName(_ folded: String) -> Match { match(byFirstName, folded) }

    /// A name of two or more folded words: the full name, first name and last word,
    /// first initial and surname ("k corcoran"), or a title and surname ("dr patel").
    func matchName(_ words: [String]) -> Match {
        for m in [
            match(byFullName, words.joined(separator: " ")),
            match(byFirstLast, words[0] + " " + words[words.count - 1]),
        ] {
            if case .none = m { continue }
            return m
        }
        let rest = words.dropFirst().joined(separator: " ")
        if words[0].count == 1 {
            let m = match(byInitialSurname, words[0] + " " + rest)
            if case .none = m {} else { return m }
        }
        if OwnerParser.titles.contains(words[0]) {
            return match(bySurname, rest)
        }
        return .none
    }
}

/// Finds the owners at the start of a follow-up: "KP to …", "KP, DD and JB to …",
/// "K. Corcoran to …", "Schools to …", "KP: …", "KP - …", "KP will …".
///
/// The owner phrase is at most `maxPhraseWords` words before the first "to", "will",
/// colon or spaced dash whose prefix reads as owners. Sentences starting with a
/// stop-listed word ("Need to …", "Agreed to …", "It was agreed to …") are unowned,
/// as are passives ("Minutes to be circulated").
public enum OwnerParser {
    /// The most whitespace-separated words an owner phrase can have.
    public static let maxPhraseWords = 8
    /// The most words one owner's name can have ("Head of the Sixth Form").
    public static let maxNameWords = 5
    /// The most owners one phrase can name.
    public static let maxOwners = 6

    public static func parse(_ raw: String, people: [Person]) -> ParsedFollowUp {
        var resolver = Resolver(people: people, directory: nil)
        return parse(raw, &resolver)
    }

    public static func parse(_ raw: String, directory: OwnerDirectory) -> ParsedFollowUp {
        var resolver = Resolver(people: directory.people, directory: directory)
        return parse(raw, &resolver)
    }

    // MARK: - The line

    private static func parse(_ raw: String, _ resolver: inout Resolver) -> ParsedFollowUp {
        let line = stripBullet(trimmed(raw[...]))
        let tokens = words(line, limit: maxPhraseWords + 2)
        var i = 1
        while i <= min(tokens.count, maxPhraseWords) {
            let prev = tokens[i - 1]
            let next: Substring? = i < tokens.count ? tokens[i] : nil
            let after: Substring? = i + 1 < tokens.count ? tokens[i + 1] : nil
            var textStart: String.Index?
            var dropLeadingTo = false
            var passive = false
            if prev.count > 1, prev.last == ":" {
                textStart = prev.endIndex                    // "KP: adjust"
                dropLeadingTo = true
            } else if let next {
                switch asciiLower(next) {
                case "to", "to:", "to,", "will", "will:":
                    textStart = next.endIndex
                    passive = after.map { asciiLower($0) == "be" } ?? false
                case "-", "–", "—", ":":
                    textStart = next.endIndex                // "KP - adjust"
                    dropLeadingTo = true
                default:
                    break
                }
            }
            if let textStart {
                switch resolvePhrase(tokens[0..<i], &resolver) {
                case .stop:
                    return ParsedFollowUp(text: String(line))
                case .invalid:
                    break
                case .owners(var result):
                    // "KP to be in touch" is KP's; "Minutes to be circulated" is no one's.
                    if passive, !result.owners.allSatisfy({ $0.initials != nil }) { break }
                    var text = line[textStart...].drop(while: \.isWhitespace)
                    if dropLeadingTo { text = dropTo(text) }
                    result.text = String(text)
                    return result
                }
            }
            i += 1
        }
        return ParsedFollowUp(text: String(line))
    }

    /// "to adjust" after a colon or dash: the "to" goes, unless it is "to be".
    private static func dropTo(_ text: Substring) -> Substring {
        let first = text.prefix(while: { !$0.isWhitespace })
        guard asciiLower(first) == "to", first.endIndex < text.endIndex else { return text }
        let rest = text[first.endIndex...].drop(while: \.isWhitespace)
        let second = rest.prefix(while: { !$0.isWhitespace })
        return asciiLower(second) == "be" ? text : rest
    }

    private static func trimmed(_ s: Substring) -> Substring {
        guard let start = s.firstIndex(where: { !$0.isWhitespace }),
              let end = s.lastIndex(where: { !$0.isWhitespace }) else { return s[s.endIndex...] }
        return s[start...end]
    }

    private static let bullets: Set<Character> = ["·", "•", "-", "*", "–", "—", "‣", "◦"]

    /// One leading bullet followed by whitespace: "• ", "· ", "- ", "* ".
    private static func stripBullet(_ s: Substring) -> Substring {
        guard let first = s.first, bullets.contains(first) else { return s }
        let rest = s.dropFirst()
        guard let c = rest.first, c.isWhitespace else { return s }
        return trimmed(rest)
    }

    /// The first `limit` whitespace-separated words.
    private static func words(_ s: Substring, limit: Int) -> [Substring] {
        var out: [Substring] = []
        out.reserveCapacity(limit)
        var i = s.startIndex
        while i < s.endIndex, out.count < limit {
            guard let start = s[i...].firstIndex(where: { !$0.isWhitespace }) else { break }
            let end = s[start...].firstIndex(where: \.isWhitespace) ?? s.endIndex
            out.append(s[start..<end])
            i = end
        }
        return out
    }

    // MARK: - The owner phrase

    private enum PhraseResult { case owners(ParsedFollowUp), invalid, stop }

    private enum Separator { case none, soft, hard }

    /// Splits "KP, DD and JB" / "KP/DD" / "KP & the school nurse" into one word list per owner.
    private static func segments(_ tokens: ArraySlice<Substring>) -> [[Substring]]? {
        var segments: [[Substring]] = []
        var current: [Substring] = []
        var last = Separator.none
        func separate(_ kind: Separator) -> Bool {
            if current.isEmpty {
                if segments.isEmpty { return false }           // "and KP to …"
            } else {
                segments.append(current)
                current = []
            }
            last = kind
            return true
        }
        func word(_ w: Substring) -> Bool {
            if w.isEmpty { return true }
            switch asciiLower(w) {
            case "and", "or", "with": return separate(.hard)
            default:
                current.append(w)
                return true
            }
        }
        for token in tokens {
            var start = token.startIndex
            var i = token.startIndex
            while i < token.endIndex {
                let c = token[i]
                let kind: Separator
                switch c {
                case ",", ";", ":": kind = .soft
                case "/", "&", "+": kind = .hard
                default: kind = .none
                }
                if kind != .none {
                    guard word(token[start..<i]), separate(kind) else { return nil }
                    start = token.index(after: i)
                }
                i = token.index(after: i)
            }
            guard word(token[start...]) else { return nil }
        }
        if current.isEmpty {
            if last == .hard { return nil }                    // "KP and to …"
        } else {
            segments.append(current)
        }
        return segments.isEmpty || segments.count > maxOwners ? nil : segments
    }

    private enum Flag { case known, unknownInitials, newName, ambiguous, collective }

    private enum SegmentResult {
        case owner(Owner, Flag)
        /// Lower-case "xy" that is no one's initials: an owner only beside other initials.
        case lowerCaseInitials(String)
        case invalid
        case stop
    }

    private static func resolvePhrase(_ tokens: ArraySlice<Substring>, _ resolver: inout Resolver) -> PhraseResult {
        guard let segments = segments(tokens) else { return .invalid }
        var resolved: [SegmentResult] = []
        resolved.reserveCapacity(segments.count)
        for words in segments {
            let r = words.count == 1 ? resolveWord(words[0], &resolver) : resolveName(words, &resolver)
            switch r {
            case .stop: return .stop
            case .invalid: return .invalid
            default: resolved.append(r)
            }
        }
        var result = ParsedFollowUp(text: "")
        var keys = Set<String>()
        let besideInitials = segments.count > 1 && resolved.contains {
            if case .owner(.initials, _) = $0 { return true }
            return false
        }
        for r in resolved {
            let owner: Owner, flag: Flag
            switch r {
            case .owner(let o, let f): (owner, flag) = (o, f)
            case .lowerCaseInitials(let s):
                guard besideInitials else { return .invalid }
                (owner, flag) = (.initials(s), .unknownInitials)
            case .invalid, .stop: return .invalid
            }
            guard keys.insert(owner.key).inserted else { continue }
            result.owners.append(owner)
            switch flag {
            case .unknownInitials: result.unknownInitials.append(owner.label)
            case .newName: result.newNames.append(owner.label)
            case .ambiguous: result.ambiguousNames.append(owner.label)
            case .known, .collective: break
            }
        }
        return .owners(result)
    }

    /// One word: initials ("KP", "kp", "K.P."), a first name, a body ("Schools"), "All".
    private static func resolveWord(_ w: Substring, _ resolver: inout Resolver) -> SegmentResult {
        if let upper = dottedInitials(w) ?? (isUpperInitials(w) ? String(w) : nil) {
            let known = resolver.directory.person(initials: upper) != nil
            return .owner(.initials(upper), known ? .known : .unknownInitials)
        }
        let folded = fold(w)
        if stopWords.contains(folded) { return .stop }
        guard let first = w.first else { return .invalid }
        let capitalised = first.isUppercase
        let initialsShaped = isLetterInitials(w)
        // "kp": initials before first names; "Jo": first names before initials.
        if initialsShaped, !capitalised, let p = resolver.directory.person(initials: folded.uppercased()) {
            return .owner(.initials(p.initials), .known)
        }
        switch resolver.directory.matchFirstName(folded) {
        case .one(let p): return .owner(.initials(p.initials), .known)
        case .many: return .owner(.named(String(w)), .ambiguous)
        case .none: break
        }
        if initialsShaped, let p = resolver.directory.person(initials: folded.uppercased()) {
            return .owner(.initials(p.initials), .known)
        }
        if collectives.contains(folded), capitalised { return .owner(.named(String(w)), .collective) }
        if capitalised, isNameWord(w) { return .owner(.named(String(w)), .newName) }
        if initialsShaped, !capitalised { return .lowerCaseInitials(folded.uppercased()) }
        return .invalid
    }

    /// Several words: "K. Corcoran", "Zoë Ní Bhriain", "Dr Patel", "Youth Service",
    /// "the school nurse" (kept as "School nurse").
    private static func resolveName(_ words: [Substring], _ resolver: inout Resolver) -> SegmentResult {
        guard words.count <= maxNameWords else { return .invalid }
        let folded = words.map(fold)
        if folded.contains(where: { stopWords.contains($0) }) { return .stop }
        if folded[0] == "the" {
            let body = words.dropFirst()
            guard body.count <= 3, body.allSatisfy(isNameWord) else { return .invalid }
            let name = body.joined(separator: " ")
            return .owner(.named(name.prefix(1).uppercased() + name.dropFirst()), .newName)
        }
        let name = words.joined(separator: " ")
        switch resolver.directory.matchName(folded) {
        case .one(let p): return .owner(.initials(p.initials), .known)
        case .many: return .owner(.named(name), .ambiguous)
        case .none: break
        }
        // A new name starts with a capital; later words are capitalised, particles or
        // numbers ("Head of Year 9"), or, in a name of at most three words, lower-case
        // ("Head teacher", "Social workers").
        guard let first = words[0].first, first.isUppercase, isNameWord(words[0]) else { return .invalid }
        for (w, f) in zip(words.dropFirst(), folded.dropFirst()) {
            guard let c = w.first, isNameWord(w) || w.allSatisfy(\.isNumber) else { return .invalid }
            guard c.isUppercase || c.isNumber || particles.contains(f) || words.count <= 3 else { return .invalid }
        }
        return .owner(.named(name), .newName)
    }

    // MARK: - Words

    /// Letters, with hyphens, apostrophes and full stops inside or after ("O'Brien", "K.").
    private static func isNameWord(_ w: Substring) -> Bool {
        guard let first = w.first, first.isLetter else { return false }
        return w.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" || $0 == "’" || $0 == "." }
    }

    /// 2–4 ASCII capitals: "KP".
    private static func isUpperInitials(_ w: Substring) -> Bool {
        let u = w.utf8
        return (2...4).contains(u.count) && u.allSatisfy { $0 >= 65 && $0 <= 90 }
    }

    /// 2–4 ASCII letters of any case: "kp", "Jo".
    private static func isLetterInitials(_ w: Substring) -> Bool {
        let u = w.utf8
        return (2...4).contains(u.count) && u.allSatisfy { ($0 | 0x20) >= 97 && ($0 | 0x20) <= 122 }
    }

    /// "K.P." or "K.P" as "KP" (capitals only, so "e.g." is not initials).
    private static func dottedInitials(_ w: Substring) -> String? {
        let u = w.utf8
        guard u.count >= 3, u.count <= 8, u.contains(46) else { return nil }
        var letters: [UInt8] = []
        var expectLetter = true
        for b in u {
            if expectLetter {
                guard b >= 65, b <= 90 else { return nil }
                letters.append(b)
            } else if b != 46 {
                return nil
            }
            expectLetter.toggle()
        }
        guard (2...4).contains(letters.count) else { return nil }
        return String(decoding: letters, as: UTF8.self)
    }

    /// Lower-cases ASCII only; anything else is returned as typed (used for "to", "and").
    static func asciiLower(_ w: Substring) -> String {
        String(unsafeUninitializedCapacity: w.utf8.count) { buf in
            var n = 0
            for b in w.utf8 {
                buf[n] = (b >= 65 && b <= 90) ? b + 32 : b
                n += 1
            }
            return n
        }
    }

    /// Case and diacritics folded, full stops dropped, curly apostrophes made straight:
    /// "Zoë" → "zoe", "K." → "k", "O’Brien" → "o'brien".
    static func fold(_ w: Substring) -> String {
        if w.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(unsafeUninitializedCapacity: w.utf8.count) { buf in
                var n = 0
                for b in w.utf8 where b != 46 {
                    buf[n] = (b >= 65 && b <= 90) ? b + 32 : b
                    n += 1
                }
                return n
            }
        }
        return String(w)
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "’", with: "'")
            .replacingOccurrences(of: ".", with: "")
    }

    // MARK: - Lists

    static let titles: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "cllr", "councillor", "pc", "sgt",
        "insp", "rev", "revd", "fr", "sr", "sister", "sir", "dame", "lady", "lord",
    ]

    /// Lower-case words allowed inside a new name: "Head of Year 9", "Maria de la Cruz".
    private static let particles: Set<String> = [
        "of", "the", "for", "de", "del", "della", "der", "den", "di", "da", "das", "dos",
        "du", "la", "le", "van", "von", "ter", "ten", "y", "e", "bin", "bint", "al", "el", "ni", "o",
        "mac", "ap",
    ]

    /// Everyone at the meeting: owners, but never a new name.
    private static let collectives: Set<String> = ["all", "everyone", "everybody"]

    /// Words that start sentences rather than owner phrases, and that no owner phrase
    /// contains. A person whose first name is here ("Hope") is written by initials.
    static let stopWords: Set<String> = [
        // pronouns, determiners, conjunctions, prepositions
        "i", "we", "they", "you", "he", "she", "it", "us", "them", "me", "this", "that", "these",
        "those", "there", "here", "our", "their", "his", "her", "its", "my", "your", "one",
        "someone", "somebody", "something", "anyone", "anybody", "anything", "nobody", "nothing",
        "none", "no", "not", "some", "any", "each", "every", "both", "either", "neither", "other",
        "others", "another", "such", "a", "an", "to", "too", "also", "still", "yet", "then", "now",
        "so", "if", "as", "but", "because", "from", "in", "on", "at", "by", "into", "onto",
        "about", "after", "before", "until", "only", "just", "please", "thanks", "thank",
        "how", "what", "when", "where", "why", "who", "whom", "whose", "which", "whether",
        // auxiliaries and modals
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having",
        "do", "does", "did", "done", "can", "could", "would", "should", "shall", "may", "might",
        "must", "ought", "need", "needs", "needed", "won't", "can't", "don't", "doesn't",
        "didn't", "isn't", "aren't", "wasn't", "we'll", "we're", "it's", "they'll", "let's",
        // verbs that start minutes
        "agree", "agreed", "agreeing", "decide", "decided", "plan", "plans", "planned",
        "planning", "go", "goes", "going", "went", "want", "wants", "wanted", "wanting",
        "continue", "continued", "continuing", "try", "tried", "trying", "remember",
        "remembered", "ask", "asked", "asking", "look", "looked", "looking", "write", "wrote",
        "talk", "talked", "speak", "spoke", "send", "sent", "reply", "report", "refer", "add",
        "move", "get", "got", "make", "made", "take", "took", "give", "gave", "bring", "keep",
        "check", "consider", "discuss", "discussed", "explore", "arrange", "organise",
        "organize", "invite", "contact", "email", "e-mail", "phone", "call", "chase",
        "circulate", "review", "share", "visit", "return", "come", "came", "feed", "link",
        "listen", "respond", "forward", "pass", "put", "set", "find", "see", "meet", "met",
        "think", "thought", "hope", "hoped", "hoping", "wish", "like", "love", "prefer",
        "intend", "intends", "expect", "expected", "propose", "proposed", "suggest",
        "suggested", "seek", "aim", "aims", "begin", "start", "started", "stop", "help",
        "allow", "seem", "seems", "appear", "appears", "used", "tend", "remain", "wait",
        "note", "noted", "remind", "reminder", "follow", "followed", "update", "updated",
        // adjectives and nouns that take "to"
        "due", "able", "unable", "likely", "unlikely", "keen", "happy", "pleased", "glad",
        "sorry", "ready", "willing", "important", "necessary", "essential", "hard",
        "difficult", "easy", "good", "nice", "great", "best", "better", "worth", "time",
        "way", "ways", "next", "back", "up", "down", "out", "off", "over", "welcome", "action",
        "actions", "item", "items", "date", "dates", "change", "changes", "reference",
        "access", "response", "answer", "letter", "invitation", "introduction", "idea",
        "question", "decision", "proposal", "request", "visits", "referral", "referrals",
        "contribution", "tbc", "discussion", "discussions", "work", "meeting", "meetings",
        "focus", "priority", "priorities", "training", "funding", "data", "information", "info",
        "feedback", "agenda", "minutes", "paper", "papers", "document", "documents", "draft",
        "survey", "event", "events", "session", "sessions", "project", "issue", "issues",
        "topic", "concern", "concerns", "budget", "money", "letters", "emails", "form", "forms",
        "figures", "numbers", "list", "leaflet", "leaflets", "poster", "posters", "website",
        "newsletter", "course", "courses", "support", "progress", "links", "copies", "copy",
        // days
        "today", "tomorrow", "yesterday", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "weekly", "monthly",
    ]

    // MARK: - The directory, built only when a phrase needs it

    private struct Resolver {
        let people: [Person]
        private var built: OwnerDirectory?

        init(people: [Person], directory: OwnerDirectory?) {
            self.people = people
            self.built = directory
        }

        var directory: OwnerDirectory {
            mutating get {
                if let built { return built }
                let d = DirectoryCache.shared.directory(for: people)
                built = d
                return d
            }
        }
    }
}

/// The last directory built, reused while the same people are passed in
/// (`Array ==` is O(1) when both share storage, as a directory held by the app does).
private final class DirectoryCache: @unchecked Sendable {
    static let shared = DirectoryCache()
    private let lock = NSLock()
    private var people: [Person] = []
    private var directory = OwnerDirectory([])

    func directory(for people: [Person]) -> OwnerDirectory {
        lock.lock()
        defer { lock.unlock() }
        if people != self.people {
            self.people = people
            directory = OwnerDirectory(people)
        }
        return directory
    }
}
