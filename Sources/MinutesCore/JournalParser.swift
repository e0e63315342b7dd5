/// Parses journal lines from raw bytes into events, reporting each problem with its line
/// and column.
///
/// The parser works on bytes, not `Character`s, and allocates only the strings an event
/// keeps, because replay reads every line of journals that grow for years. One
/// `JournalParser` value is reused for every line of a file (it keeps its scratch space).
public struct JournalParser {
    /// What one line holds.
    public enum LineResult: Sendable {
        case blank
        case event(Event)
        case failure(Diagnostic)
    }

    /// A field's key: the names every kind of event may use.
    enum Key: Int, CaseIterable {
        case initials, name, org, slug, lead, group, number, headline, date, present, apology, chair,
             minutes, next, project, meeting, text, owner, ref, outcome, reason, rating, comment, aim,
             start, end, link, priority, email

        var name: String { String(describing: self) }
        var bit: UInt64 { 1 << UInt64(rawValue) }

    }

    /// Which fields each kind takes: required, optional, and repeatable (all optional).
    struct Shape {
        var required: UInt64 = 0
        var optional: UInt64 = 0
        var repeated: UInt64 = 0

        init(required: [Key] = [], optional: [Key] = [], repeated: [Key] = []) {
            for k in required { self.required |= k.bit }
            for k in optional { self.optional |= k.bit }
            for k in repeated { self.repeated |= k.bit }
        }

        func allows(_ k: Key) -> Bool { (required | optional | repeated) & k.bit != 0 }
    }

    static let shapes: [EventKind: Shape] = [
        .person: Shape(required: [.initials, .name], optional: [.org, .email]),
        .group: Shape(required: [.slug, .name], optional: [.lead]),
        .project: Shape(required: [.group, .number, .headline]),
        .meeting: Shape(required: [.group, .date], optional: [.chair, .minutes, .next], repeated: [.present, .apology]),
        .action: Shape(required: [.project, .text], optional: [.meeting]),
        .note: Shape(required: [.project, .text], optional: [.meeting]),
        .todo: Shape(required: [.project, .text], optional: [.meeting], repeated: [.owner]),
        .done: Shape(required: [.ref], optional: [.meeting, .outcome]),
        .drop: Shape(required: [.ref, .reason], optional: [.meeting]),
        .reassign: Shape(required: [.ref], optional: [.meeting], repeated: [.owner]),
        .carry: Shape(required: [.ref], optional: [.meeting]),
        .rate: Shape(required: [.project, .rating], optional: [.meeting, .comment]),
        .amend: Shape(required: [.ref, .text], repeated: [.owner]),
        .retract: Shape(required: [.ref], optional: [.reason]),
        .plan: Shape(optional: [.group, .project, .lead, .aim, .start, .end], repeated: [.link, .priority]),
    ]

    /// The kinds and their shapes, and the keys, found from a line's bytes without building an
    /// array or hashing it (a dictionary costs an allocation and a hash per field).
    static let kindTable = Keywords(EventKind.allCases.map { ($0.rawValue, (kind: $0, shape: shapes[$0]!)) })
    static let keyTable = Keywords(Key.allCases.map { ($0.name, $0) })

    /// One field as found on the line: where its value lies, and how to decode it.
    struct Field {
        var key: Key
        var keyOffset: Int
        var valueStart: Int
        var valueEnd: Int
        var quoted: Bool
        var escaped: Bool
    }

    /// The fields of the line being read are the first `fieldCount`; the array only grows,
    /// so a line starts by setting the count to zero rather than emptying the array.
    private var fields: [Field] = []
    private var fieldCount = 0
    /// The tables, held by each parser so that a look-up does not first check that a global
    /// has been initialised.
    private let kinds = JournalParser.kindTable
    private let keys = JournalParser.keyTable
    private let idDigits = EventID.decodeTable
    private var scratch: [UInt8] = []
    /// Owner lists recently read, shared by the follow-ups that name the same people.
    private var ownerLists = OwnerListCache()

    /// The line being read: its number, the keys it has (a bit per key), for each key it has
    /// the index in `fields` of its first field, and the first problem `build` found. Only
    /// entries whose bit is in `seen` are meaningful, so nothing is cleared between lines.
    private var number = 0
    private var seen: UInt64 = 0
    private var firstField: [Int] = Array(repeating: 0, count: Key.allCases.count)
    private var failure: Diagnostic?
    /// Whether `failure` is this line's: asked instead of `failure == nil`, which copies and
    /// destroys the optional diagnostic each time (several times a line); `failure` itself
    /// is left from the last line that had one.
    private var failed = false
    /// Whether the line has only ASCII bytes; then so does every value (see `decode`).
    private var lineIsASCII = true
    /// The offsets of the line's first and last bytes of 0x80 or above (-1 when it has none),
    /// which decide most values' `isASCII` without a look at their bytes (see `isASCII`).
    private var firstHigh = -1
    private var lastHigh = -1

    /// The id of the event the last line held and the id it refers to, `noID` for none:
    /// replay reads ahead in the state by them (`JournalLoader.ReplayFold.warm`), and taking
    /// them from the parsed event instead would copy it, retaining each of its strings.
    private(set) var lastEventIDs = (id: JournalParser.noID, ref: JournalParser.noID)
    /// The `ref` field read while building the current event.
    private var refRead = JournalParser.noID
    /// No id has this value (ids are 60 bits).
    static let noID = UInt64.max

    public init() {
        fields.reserveCapacity(16)
    }

    // MARK: - Lines

    /// Parses one line, given without its line break (a trailing CR is ignored).
    public mutating func parse(line: UnsafeBufferPointer<UInt8>, number: Int) -> LineResult {
        lastEventIDs = (JournalParser.noID, JournalParser.noID)
        var end = line.count
        if end > 0, line[end - 1] == 13 { end -= 1 }
        var firstHigh = -1, lastHigh = -1
        if let bad = JournalParser.firstInvalidUTF8(line, end: end, firstHigh: &firstHigh, lastHigh: &lastHigh) {
            return .failure(.error(line: number, column: JournalParser.column(line, bad),
                                   "invalid UTF-8", hint: "the journal must be saved as UTF-8"))
        }
        lineIsASCII = firstHigh < 0
        self.firstHigh = firstHigh
        self.lastHigh = lastHigh
        var i = 0
        while i < end, line[i] == 32 || line[i] == 9 { i += 1 }
        if i == end { return .blank }
        if line[i] == UInt8(ascii: "#") { return .blank }
        return parseEvent(UnsafeBufferPointer(rebasing: line[0..<end]), from: i, to: end, number: number)
    }

    /// Parses a single line of text; a convenience for tests and hand-typed input.
    public mutating func parse(_ text: String, number: Int = 1) -> LineResult {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { parse(line: UnsafeBufferPointer($0), number: number) }
    }

    private mutating func parseEvent(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                                     number: Int) -> LineResult {
        func fail(_ at: Int, _ message: String, hint: String? = nil) -> LineResult {
            .failure(.error(line: number, column: JournalParser.column(b, at), message, hint: hint))
        }
        var i = start
        func token() -> Range<Int> {
            let s = i
            while i < end, b[i] != 32, b[i] != 9 { i += 1 }
            return s..<i
        }
        func skipSpace() { while i < end, b[i] == 32 || b[i] == 9 { i += 1 } }

        // A timestamp is 24 bytes, none of them a space: when a separator follows 24 bytes,
        // they are the token (and if they are no timestamp, the error is the same).
        let tsRange: Range<Int>
        if end - i >= 24, end - i == 24 || b[i + 24] == 32 || b[i + 24] == 9 {
            tsRange = i..<(i + 24)
            i += 24
        } else {
            tsRange = token()
        }
        guard let timestamp = timestamp(b, tsRange) else {
            return fail(tsRange.lowerBound, "expected a timestamp like 2009-06-26T10:15:03.120Z",
                        hint: "every event line starts with its UTC timestamp, then its id, then its kind")
        }
        skipSpace()
        // Likewise the 12 bytes of an id, taken without a scan when they read as one.
        let id: EventID
        if end - i >= 12, end - i == 12 || b[i + 12] == 32 || b[i + 12] == 9,
           let quick = eventID(b, at: i) {
            id = quick
            i += 12
        } else {
            let idRange = token()
            guard !idRange.isEmpty else { return fail(idRange.lowerBound, "expected an event id after the timestamp") }
            guard let parsed = EventID.parse(bytes: b[idRange]) else {
                return fail(idRange.lowerBound, "bad event id '\(JournalParser.text(b, idRange))'",
                            hint: "an id is 12 characters from 0-9 and a-z without i, l, o and u")
            }
            id = parsed
        }
        skipSpace()
        // A kind is at most 8 letters: its end is found in one word when a separator follows.
        let kindRange: Range<Int>
        if let length = JournalParser.wordBeforeSeparator(b, at: i, end: end) {
            kindRange = i..<(i + length)
            i += length
        } else {
            kindRange = token()
        }
        guard !kindRange.isEmpty else { return fail(kindRange.lowerBound, "expected the kind of event after the id") }
        guard let (kind, shape) = kinds.find(b, kindRange) else {
            return fail(kindRange.lowerBound, "unknown kind of event '\(JournalParser.text(b, kindRange))'",
                        hint: "kinds are " + EventKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        fieldCount = 0
        seen = 0
        self.number = number
        skipSpace()
        while i < end {
            let keyStart = i
            let key: Key
            if let (quick, length) = quickKey(b, at: i) {
                key = quick
                i += length
            } else {
                while i < end, b[i] >= UInt8(ascii: "a"), b[i] <= UInt8(ascii: "z") { i += 1 }
                guard i < end, b[i] == UInt8(ascii: "="), i > keyStart else {
                    return fail(keyStart, "expected a field like key=value",
                                hint: "text with spaces must be in double quotes: text=\"…\"")
                }
                guard let found = keys.find(b, keyStart..<i) else {
                    return fail(keyStart, "unknown field '\(JournalParser.text(b, keyStart..<i))'")
                }
                key = found
            }
            guard shape.allows(key) else {
                return fail(keyStart, "\(kind.rawValue) events have no field '\(key.name)'")
            }
            if seen & key.bit != 0 {
                if shape.repeated & key.bit == 0 { return fail(keyStart, "field '\(key.name)' given twice") }
            } else {
                seen |= key.bit
                firstField[key.rawValue] = fieldCount
            }
            i += 1
            var field = Field(key: key, keyOffset: keyStart, valueStart: i, valueEnd: i, quoted: false, escaped: false)
            if i < end, b[i] == UInt8(ascii: "\"") {
                i += 1
                field.quoted = true
                field.valueStart = i
                var closed = false
                while true {
                    // Straight to the next byte that needs a look (most text has none).
                    i = JournalParser.firstSpecial(b, from: i, end: end, below: 0x20)
                    guard i < end else { break }
                    let c = b[i]
                    if c == UInt8(ascii: "\"") { closed = true; break }
                    if c == UInt8(ascii: "\\") {
                        field.escaped = true
                        if let problem = JournalParser.checkEscape(b, at: i, end: end) {
                            return fail(i, problem, hint: "escapes are \\\" \\\\ \\n \\t \\r and \\u{HEX}")
                        }
                        i += JournalParser.escapeLength(b, at: i)
                        continue
                    }
                    if c < 32 && c != 9 || c == 127 {
                        return fail(i, "control character in text", hint: "write it as \\u{\(String(c, radix: 16, uppercase: true))}")
                    }
                    i += 1
                }
                guard closed else { return fail(field.valueStart - 1, "text has no closing quote") }
                field.valueEnd = i
                i += 1
                if i < end, b[i] != 32, b[i] != 9 {
                    return fail(i, "expected a space after the closing quote")
                }
            } else {
                // Straight to the first byte that ends the value or cannot stand in it.
                i = JournalParser.firstSpecial(b, from: i, end: end, below: 0x21)
                if i < end, b[i] != 32, b[i] != 9 {
                    let c = b[i]
                    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") {
                        return fail(i, "quote or backslash inside an unquoted value",
                                    hint: "put the whole value in double quotes")
                    }
                    return fail(i, "control character in value")
                }
                field.valueEnd = i
                if field.valueStart == field.valueEnd {
                    return fail(field.valueStart, "field '\(key.name)' has no value", hint: "write key=\"\" only where empty text is allowed")
                }
            }
            if fieldCount < fields.count { fields[fieldCount] = field } else { fields.append(field) }
            fieldCount += 1
            skipSpace()
        }
        if seen & shape.required != shape.required {
            let missing = Key.allCases.first { shape.required & $0.bit != 0 && seen & $0.bit == 0 }!
            return fail(end, "\(kind.rawValue) event needs a '\(missing.name)' field")
        }
        return build(kind, id: id, timestamp: timestamp, b)
    }

    /// The length of the token at `i` (bytes up to a space or tab) when it is 1 to 8 bytes
    /// and a separator follows it within the line; nil sends the caller to the scan.
    @inline(__always)
    static func wordBeforeSeparator(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        guard end - i >= 9 else { return nil }
        let w = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
        let separators = zeroBytes(w ^ (ones &* 0x20)) | zeroBytes(w ^ (ones &* 0x09))
        let length = separators != 0 ? separators.trailingZeroBitCount / 8 : (b[i + 8] == 32 || b[i + 8] == 9 ? 8 : 0)
        return length > 0 ? length : nil
    }

    /// The id in the 12 bytes at `i` (`EventID.parse(bytes:)` of them).
    @inline(__always)
    private func eventID(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> EventID? {
        idDigits.withUnsafeBufferPointer {
            EventID.parse(twelveBytesAt: UnsafeRawPointer(b.baseAddress! + i), table: $0.baseAddress!)
        }
    }

    /// The key at `i` and its length when the bytes up to the next `=` (at most 8 of them,
    /// found in one word) are a known key; nil sends the caller to the byte-by-byte scan,
    /// which reports what is wrong. A known key is lower-case letters, so both ways agree.
    @inline(__always)
    private func quickKey(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Key, Int)? {
        guard b.count - i >= 9 else { return nil }
        let w = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
        let equals = JournalParser.zeroBytes(w ^ (JournalParser.ones &* UInt64(UInt8(ascii: "="))))
        let length = equals != 0 ? equals.trailingZeroBitCount / 8 : (b[i + 8] == UInt8(ascii: "=") ? 8 : 0)
        guard length > 0, let key = keys.find(b, i..<(i + length)) else { return nil }
        return (key, length)
    }

    // MARK: - Events from fields

    /// Builds the event from the fields `parseEvent` found, or reports the first problem.
    ///
    /// The helpers below are methods that record a problem in `failure` rather than local
    /// closures capturing a `var`: a captured, mutated variable is boxed on the heap and every
    /// access to it pays a dynamic exclusivity check, which made this the costliest step of
    /// replay. A field is found through `firstField` (indexed by key) instead of a search.
    private mutating func build(_ kind: EventKind, id: EventID, timestamp: Timestamp,
                                _ b: UnsafeBufferPointer<UInt8>) -> LineResult {
        failed = false
        refRead = JournalParser.noID
        switch kind {
        case .person:
            let i = initials(.initials, b), n = text(.name, b)
            if let i, let n, !failed {
                let person = Person(initials: i, name: n, organisation: text(.org, b), email: email(.email, b))
                if !failed { return event(id, timestamp, .person(person)) }
            }
        case .group:
            let s = slug(.slug, b), n = text(.name, b), l = initials(.lead, b)
            if let s, let n, !failed { return event(id, timestamp, .group(slug: s, name: n, lead: l)) }
        case .project:
            let g = slug(.group, b), h = text(.headline, b)
            var n: Int?
            if let f = field(.number) {
                n = ProjectRef.number(decode(f, b)[...])
                if n == nil { fail(f, b, "'\(decode(f, b))' is not a project number", hint: "numbers run from 1 to 9999") }
            }
            if let g, let n, let h, !failed {
                return event(id, timestamp, .project(ProjectRef(group: g, number: n), headline: h))
            }
        case .meeting:
            let g = slug(.group, b), d = day(.date, b)
            if let g, let d {
                let fields = MeetingFields(group: g, date: d, present: all(.present, b), apologies: all(.apology, b),
                                           chair: text(.chair, b), minuteTaker: text(.minutes, b), next: day(.next, b))
                if !failed { return event(id, timestamp, .meeting(fields)) }
            }
        case .action, .note, .todo:
            let p = project(b), m = day(.meeting, b), t = text(.text, b)
            if let p, let t {
                let body: EventBody
                switch kind {
                case .action: body = .action(p, meeting: m, text: t)
                case .note: body = .note(p, meeting: m, text: t)
                default: body = .todo(p, meeting: m, owners: owners(b), text: t)
                }
                if !failed { return event(id, timestamp, body) }
            }
        case .done:
            if let r = ref(b) {
                let m = day(.meeting, b), o = text(.outcome, b)
                if !failed { return event(id, timestamp, .done(ref: r, meeting: m, outcome: o)) }
            }
        case .drop:
            let r = ref(b), reason = text(.reason, b)
            if let r, let reason {
                let m = day(.meeting, b)
                if !failed { return event(id, timestamp, .drop(ref: r, meeting: m, reason: reason)) }
            }
        case .reassign:
            let r = ref(b), o = owners(b)
            if o.isEmpty, !failed {
                failure = .error(line: number, column: JournalParser.column(b, b.count), "reassign needs at least one 'owner' field")
                failed = true
            }
            if let r {
                let m = day(.meeting, b)
                if !failed { return event(id, timestamp, .reassign(ref: r, meeting: m, owners: o)) }
            }
        case .rate:
            let p = project(b)
            var rating: Rating?
            if let f = field(.rating) {
                rating = JournalParser.rating(b, f) ?? Rating(rawValue: decode(f, b).lowercased())
                if rating == nil {
                    fail(f, b, "'\(decode(f, b))' is not a rating", hint: "ratings are unsatisfactory, satisfactory, good, excellent")
                }
            }
            if let p, let rating {
                let m = day(.meeting, b), c = text(.comment, b, allowEmpty: true)
                if !failed { return event(id, timestamp, .rate(p, meeting: m, rating: rating, comment: c)) }
            }
        case .amend:
            let r = ref(b), t = text(.text, b)
            let o = seen & Key.owner.bit != 0 ? owners(b) : nil
            if let r, let t, !failed { return event(id, timestamp, .amend(ref: r, text: t, owners: o)) }
        case .retract:
            if let r = ref(b) {
                let reason = text(.reason, b)
                if !failed { return event(id, timestamp, .retract(ref: r, reason: reason)) }
            }
        case .carry:
            if let r = ref(b) {
                let m = day(.meeting, b)
                if !failed { return event(id, timestamp, .carry(ref: r, meeting: m)) }
            }
        case .plan:
            let g = field(.group) != nil ? slug(.group, b) : nil
            let p = field(.project) != nil ? project(b) : nil
            let target: PlanTarget?
            switch (g, p) {
            case (let g?, nil): target = .group(g)
            case (nil, let p?): target = .project(p)
            default:
                target = nil
                if !failed {
                    failure = .error(line: number, column: JournalParser.column(b, b.count),
                                     "plan needs exactly one of 'group' or 'project'")
                    failed = true
                }
            }
            let fieldsSet = PlanFields(lead: initials(.lead, b), aim: text(.aim, b), start: day(.start, b), end: day(.end, b),
                                       links: all(.link, b), priorities: all(.priority, b))
            if case .project = target, !fieldsSet.priorities.isEmpty, !failed {
                fail(field(.priority)!, b, "priorities belong to a group's plan, not a project's")
            }
            if let target, !failed { return event(id, timestamp, .plan(target, fieldsSet)) }
        }
        if failed, let failure { return .failure(failure) }
        return .failure(.error(line: number, column: 1, "could not read this \(kind.rawValue) event"))
    }

    @inline(__always)
    private mutating func event(_ id: EventID, _ timestamp: Timestamp, _ body: EventBody) -> LineResult {
        lastEventIDs = (id.value, refRead)
        return .event(Event(id: id, timestamp: timestamp, body: body))
    }

    /// Records a problem with field `f` unless one was found already (the first one is reported).
    private mutating func fail(_ f: Field, _ b: UnsafeBufferPointer<UInt8>, _ message: String, hint: String? = nil) {
        if !failed {
            failure = .error(line: number, column: JournalParser.column(b, f.valueStart - (f.quoted ? 1 : 0)),
                             message, hint: hint)
            failed = true
        }
    }

    /// The first field with key `k` on this line: one look in `firstField`, no search.
    private func field(_ k: Key) -> Field? {
        seen & k.bit != 0 ? fields[firstField[k.rawValue]] : nil
    }

    private mutating func text(_ k: Key, _ b: UnsafeBufferPointer<UInt8>, allowEmpty: Bool = false) -> String? {
        guard let f = field(k) else { return nil }
        let s = decode(f, b)
        if !allowEmpty && JournalParser.isBlank(s, b, f) {
            fail(f, b, "\(k.name) is empty")
            return nil
        }
        return s
    }

    /// Every non-empty value of a repeatable key, in line order.
    private mutating func all(_ k: Key, _ b: UnsafeBufferPointer<UInt8>) -> [String] {
        guard seen & k.bit != 0 else { return [] }
        var result: [String] = []
        var i = firstField[k.rawValue]
        while i < fieldCount {
            let f = fields[i]
            i += 1
            guard f.key == k else { continue }
            let s = decode(f, b)
            if JournalParser.isBlank(s, b, f) { fail(f, b, "\(k.name) is empty"); continue }
            result.append(s)
        }
        return result
    }

    /// The owners, each read as `Owner(journalValue:)` does; 2–4 capital letters are seen
    /// from the bytes, without asking the string.
    private mutating func owners(_ b: UnsafeBufferPointer<UInt8>) -> [Owner] {
        guard seen & Key.owner.bit != 0 else { return [] }
        let first = firstField[Key.owner.rawValue]
        var next = first + 1
        while next < fieldCount, fields[next].key != .owner { next += 1 }
        if next == fieldCount {
            // One owner, as most follow-ups have: a list already made for the same initials
            // is shared (see `OwnerListCache`), else the array is made at its size.
            let f = fields[first]
            let s = decode(f, b)
            if JournalParser.isBlank(s, b, f) { fail(f, b, "owner is empty"); return [] }
            guard JournalParser.areInitials(b, f) else { return [Owner(journalValue: s)] }
            return ownerLists.single(s)
        }
        var result: [Owner] = []
        var i = first
        while i < fieldCount {
            let f = fields[i]
            i += 1
            guard f.key == .owner else { continue }
            let s = decode(f, b)
            if JournalParser.isBlank(s, b, f) { fail(f, b, "owner is empty"); continue }
            result.append(JournalParser.areInitials(b, f) ? .initials(s) : Owner(journalValue: s))
        }
        return ownerLists.shared(result)
    }

    private mutating func day(_ k: Key, _ b: UnsafeBufferPointer<UInt8>) -> Day? {
        guard let f = field(k) else { return nil }
        guard let d = day(b, f.valueStart..<f.valueEnd) else {
            fail(f, b, "'\(decode(f, b))' is not a date", hint: "dates are written YYYY-MM-DD, e.g. 2009-06-26")
            return nil
        }
        return d
    }

    private mutating func project(_ b: UnsafeBufferPointer<UInt8>) -> ProjectRef? {
        guard let f = field(.project) else { return nil }
        if let r = cachedProjectRef(b, f) { return r }
        let s = decode(f, b)
        guard let r = ProjectRef(s) else {
            fail(f, b, "'\(s)' is not a project reference", hint: "write group/number, e.g. be-safe/2")
            return nil
        }
        return r
    }

    private mutating func ref(_ b: UnsafeBufferPointer<UInt8>) -> EventID? {
        guard let f = field(.ref) else { return nil }
        guard f.valueEnd - f.valueStart == 12, let r = eventID(b, at: f.valueStart) else {
            fail(f, b, "'\(decode(f, b))' is not an event id", hint: "refer to an event by its full 12-character id")
            return nil
        }
        refRead = r.value
        return r
    }

    private mutating func slug(_ k: Key, _ b: UnsafeBufferPointer<UInt8>) -> String? {
        guard let f = field(k) else { return nil }
        let s = decode(f, b)
        guard GroupSlug.isValid(s) else {
            fail(f, b, "'\(s)' is not a group slug", hint: "slugs are lower-case letters, digits and '-', starting with a letter")
            return nil
        }
        return s
    }

    private mutating func email(_ k: Key, _ b: UnsafeBufferPointer<UInt8>) -> String? {
        guard let f = field(k) else { return nil }
        let s = decode(f, b)
        guard Person.isPlausibleEmail(s) else {
            fail(f, b, "'\(s)' is not an e-mail address", hint: "an address looks like kp@example.org")
            return nil
        }
        return s
    }

    private mutating func initials(_ k: Key, _ b: UnsafeBufferPointer<UInt8>) -> String? {
        guard let f = field(k) else { return nil }
        let s = decode(f, b)
        guard Owner.looksLikeInitials(s) else {
            fail(f, b, "'\(s)' is not initials", hint: "initials are 2 to 4 capital letters")
            return nil
        }
        return s
    }

    /// Whether an unescaped value is 2–4 bytes A–Z: `Owner.looksLikeInitials` of its text.
    static func areInitials(_ b: UnsafeBufferPointer<UInt8>, _ f: Field) -> Bool {
        let n = f.valueEnd - f.valueStart
        guard !f.escaped, n >= 2, n <= 4 else { return false }
        for i in f.valueStart..<f.valueEnd where b[i] < 65 || b[i] > 90 { return false }
        return true
    }

    /// A rating written in ASCII, matched ignoring case straight from the bytes; nil for
    /// anything else, which then goes through `lowercased()` and `Rating(rawValue:)`.
    static func rating(_ b: UnsafeBufferPointer<UInt8>, _ f: Field) -> Rating? {
        guard !f.escaped else { return nil }
        let n = f.valueEnd - f.valueStart
        search: for r in Rating.allCases where r.rawValue.utf8.count == n {
            var k = f.valueStart
            for c in r.rawValue.utf8 {
                var x = b[k]
                if x >= 65 && x <= 90 { x += 32 }
                guard x == c else { continue search }
                k += 1
            }
            return r
        }
        return nil
    }

    // MARK: - Values

    /// The bytes at `r` (at most 8) as a little-endian number, zero above the last byte.
    @inline(__always)
    static func pack(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> UInt64 {
        if r.lowerBound + 8 <= b.count {
            let w = UnsafeRawPointer(b.baseAddress! + r.lowerBound).loadUnaligned(as: UInt64.self)
            return r.count == 8 ? w : w & ((1 << UInt64(8 * r.count)) &- 1)
        }
        var w: UInt64 = 0
        for i in r.reversed() { w = w << 8 | UInt64(b[i]) }
        return w
    }

    /// The offset of the first byte from `i` on that is a quote, a backslash, DEL or below
    /// `below` (0x20 inside quotes, where a tab needs a look too; 0x21 for unquoted values,
    /// which a space or tab ends), or `end` when there is none. Eight bytes at a time, and
    /// the last few (under eight) in the word that ends at `end`, shifted down so that the
    /// zeros shifted in stand for `end`: the lowest flagged byte of the word trick is exact.
    @inline(__always)
    static func firstSpecial(_ b: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, below: UInt64) -> Int {
        var i = start
        guard let p = UnsafeRawPointer(b.baseAddress) else { return end }
        while end - i >= 8 {
            let m = specialBytes(p.loadUnaligned(fromByteOffset: i, as: UInt64.self), below: below)
            if m != 0 { return i + m.trailingZeroBitCount / 8 }
            i += 8
        }
        guard i < end else { return end }
        if end >= 8 {
            let w = p.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self) >> UInt64(8 * (8 - (end - i)))
            return min(i + specialBytes(w, below: below).trailingZeroBitCount / 8, end)
        }
        while i < end {
            let c = b[i]
            if c < below || c == 0x22 || c == 0x5C || c == 0x7F { return i }
            i += 1
        }
        return end
    }

    /// The high bit of each byte of `w` that is a quote, a backslash, DEL or below `below`
    /// (at most 0x80), exact up to the first such byte (see `zeroBytes`).
    @inline(__always)
    static func specialBytes(_ w: UInt64, below: UInt64) -> UInt64 {
        zeroBytes(w ^ (ones &* 0x22)) | zeroBytes(w ^ (ones &* 0x5C)) | zeroBytes(w ^ (ones &* 0x7F))
            | ((w &- ones &* below) & ~w & high)
    }

    static var ones: UInt64 { 0x0101_0101_0101_0101 }
    static var high: UInt64 { 0x8080_8080_8080_8080 }

    /// The high bit of each zero byte of `x`, exact up to the first zero byte (above it a
    /// borrow may flag more), and zero when no byte is zero.
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & high }

    /// The day of the last date read, by its ten bytes: journal lines come in time order, so
    /// most timestamps and meeting dates repeat the previous date, which then costs a compare.
    private var lastDate: (head: UInt64, tail: UInt16, day: Day)?

    /// `YYYY-MM-DD` at `r` through `lastDate`; any other text goes to `Day.parseISO`.
    private mutating func day(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Day? {
        guard r.count == 10 else { return nil }
        let p = UnsafeRawPointer(b.baseAddress! + r.lowerBound)
        let head = p.loadUnaligned(as: UInt64.self), tail = p.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        if let last = lastDate, last.head == head, last.tail == tail { return last.day }
        guard let d = Day.parseISO(bytes: b[r]) else { return nil }
        lastDate = (head, tail, d)
        return d
    }

    /// A timestamp, its date through `day`; exactly what `Timestamp.parse` accepts.
    private mutating func timestamp(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Timestamp? {
        guard r.count == 24, let d = day(b, r.lowerBound..<(r.lowerBound + 10)) else { return nil }
        let s = r.lowerBound
        guard b[s + 10] == UInt8(ascii: "T"), b[s + 13] == UInt8(ascii: ":"), b[s + 16] == UInt8(ascii: ":"),
              b[s + 19] == UInt8(ascii: "."), b[s + 23] == UInt8(ascii: "Z") else { return nil }
        // The nine digits of HH:MM:SS.mmm, each checked, without a loop per number.
        let h1 = b[s + 11] &- 48, h2 = b[s + 12] &- 48, m1 = b[s + 14] &- 48, m2 = b[s + 15] &- 48
        let s1 = b[s + 17] &- 48, s2 = b[s + 18] &- 48, f1 = b[s + 20] &- 48, f2 = b[s + 21] &- 48, f3 = b[s + 22] &- 48
        guard h1 < 10, h2 < 10, m1 < 10, m2 < 10, s1 < 10, s2 < 10, f1 < 10, f2 < 10, f3 < 10 else { return nil }
        let h = Int(h1) * 10 + Int(h2), m = Int(m1) * 10 + Int(m2), sec = Int(s1) * 10 + Int(s2)
        let ms = Int(f1) * 100 + Int(f2) * 10 + Int(f3)
        guard h < 24, m < 60, sec < 60 else { return nil }
        return Timestamp(milliseconds: Int64(d.ordinal) * 86_400_000 + Int64(h * 3_600_000 + m * 60_000 + sec * 1000 + ms))
    }

    /// References `projectRef` read, by their bytes packed into two words, in a small table
    /// indexed by a hash of those words: a journal names some tens or hundreds of projects
    /// over and over, and a reference found here costs a compare instead of checking the slug
    /// and making its string again (like `lastDate`). A new reference takes its slot over.
    /// 1 024 slots: a county-wide journal names about a thousand projects, and with fewer
    /// slots their references kept pushing each other out. Made at the first reference.
    private var projectCache: [(head: UInt64, tail: UInt64, length: Int, ref: ProjectRef)?] = []
    private static var projectCacheBits: Int { 10 }

    /// `projectRef` through `projectCache` for values of up to 16 bytes.
    private mutating func cachedProjectRef(_ b: UnsafeBufferPointer<UInt8>, _ f: Field) -> ProjectRef? {
        let n = f.valueEnd - f.valueStart
        guard n <= 16, !f.escaped else { return JournalParser.projectRef(b, f) }
        let head = JournalParser.pack(b, f.valueStart..<(f.valueStart + min(n, 8)))
        let tail = n > 8 ? JournalParser.pack(b, (f.valueStart + 8)..<f.valueEnd) : 0
        let slot = Int(truncatingIfNeeded: (head &* 0x9E37_79B9_7F4A_7C15 ^ tail &* 0xC2B2_AE3D_27D4_EB4F)
                       >> UInt64(64 - JournalParser.projectCacheBits))
        if projectCache.isEmpty { projectCache = Array(repeating: nil, count: 1 << JournalParser.projectCacheBits) }
        if let known = projectCache[slot], known.head == head, known.tail == tail, known.length == n { return known.ref }
        guard let r = JournalParser.projectRef(b, f) else { return nil }
        projectCache[slot] = (head, tail, n, r)
        return r
    }

    /// `slug/N` read straight from the bytes of an unquoted value: no intermediate strings.
    /// Nil for anything unusual (quoted, escaped, not a plain slug and number), which then goes
    /// through `ProjectRef.init`, the one definition of what a reference is.
    static func projectRef(_ b: UnsafeBufferPointer<UInt8>, _ f: Field) -> ProjectRef? {
        guard !f.escaped else { return nil }
        var slash = f.valueStart
        while slash < f.valueEnd, b[slash] != UInt8(ascii: "/") { slash += 1 }
        let slugLength = slash - f.valueStart
        guard slugLength >= 1, slugLength <= 40, slash + 1 < f.valueEnd, f.valueEnd - slash - 1 <= 4,
              b[f.valueStart] >= UInt8(ascii: "a"), b[f.valueStart] <= UInt8(ascii: "z") else { return nil }
        for i in f.valueStart..<slash {
            let c = b[i]
            guard (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
                || c == UInt8(ascii: "-") else { return nil }
        }
        var n = 0
        for i in (slash + 1)..<f.valueEnd {
            let d = b[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            n = n * 10 + Int(d)
        }
        guard n >= 1 else { return nil }
        let slug = string(validUTF8: UnsafeBufferPointer(rebasing: b[f.valueStart..<slash]), isASCII: true)
        return ProjectRef(group: slug, number: n)
    }

    /// Whether text is empty or only whitespace (`allSatisfy(\.isWhitespace)`), deciding from
    /// the first byte when it is printable ASCII, as it almost always is, instead of breaking
    /// the text into `Character`s.
    static func isBlank(_ s: String) -> Bool {
        if let first = s.utf8.first, first > 32, first < 127 { return false }
        return s.allSatisfy(\.isWhitespace)
    }

    /// `isBlank(s)` for `s`, the text of field `f`, deciding from the field's first byte on
    /// the line when it is printable ASCII and not a backslash (which may start an escape):
    /// then it is also the text's first byte, and asking the string costs more. A first
    /// byte of 0x80 or above starts the text's first scalar; when that can be no whitespace,
    /// neither is the first `Character` (which is whitespace by its first scalar), so the
    /// text is not blank either.
    static func isBlank(_ s: String, _ b: UnsafeBufferPointer<UInt8>, _ f: Field) -> Bool {
        if f.valueStart < f.valueEnd {
            let c = b[f.valueStart]
            if c > 32, c < 127, c != UInt8(ascii: "\\") { return false }
            if c >= 0x80, !mayBeWhitespace(b, at: f.valueStart) { return false }
        }
        return isBlank(s)
    }

    /// Whether the well-formed UTF-8 scalar starting at `i` (with a byte of 0x80 or above)
    /// may be whitespace. The White_Space scalars outside ASCII are U+0085, U+00A0, U+1680,
    /// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000 (a test checks this against
    /// `Character.isWhitespace` for every scalar); a true answer sends the caller to the
    /// string.
    @inline(__always)
    static func mayBeWhitespace(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        switch b[i] {
        case 0xC2: return b[i + 1] == 0x85 || b[i + 1] == 0xA0
        case 0xE1: return b[i + 1] == 0x9A
        case 0xE2: return b[i + 1] == 0x80 || b[i + 1] == 0x81
        case 0xE3: return b[i + 1] == 0x80
        default: return false
        }
    }

    /// The text of a field, its escapes undone.
    ///
    /// `parse` has checked the whole line as UTF-8, and a value starts and ends next to ASCII
    /// bytes (`=`, quotes, spaces, the end of the line), so its bytes are well-formed UTF-8 by
    /// themselves and are copied without a second check.
    private mutating func decode(_ f: Field, _ b: UnsafeBufferPointer<UInt8>) -> String {
        guard f.escaped else {
            let value = UnsafeBufferPointer(rebasing: b[f.valueStart..<f.valueEnd])
            return JournalParser.string(validUTF8: value, isASCII: isASCII(f.valueStart, f.valueEnd, value))
        }
        scratch.removeAll(keepingCapacity: true)
        var i = f.valueStart
        while i < f.valueEnd {
            let c = b[i]
            guard c == UInt8(ascii: "\\") else { scratch.append(c); i += 1; continue }
            let e = b[i + 1]
            switch e {
            case UInt8(ascii: "n"): scratch.append(10)
            case UInt8(ascii: "t"): scratch.append(9)
            case UInt8(ascii: "r"): scratch.append(13)
            case UInt8(ascii: "u"):
                var v: UInt32 = 0
                var j = i + 3
                while b[j] != UInt8(ascii: "}") { v = v << 4 | UInt32(JournalParser.hexValue(b[j])!); j += 1 }
                scratch.append(contentsOf: String(Unicode.Scalar(v)!).utf8)
            default: scratch.append(e)
            }
            i += JournalParser.escapeLength(b, at: i)
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    /// A string from bytes known to be well-formed UTF-8, made without validating them again
    /// as `String(decoding:as:)` does. `isASCII` must be exact when true; it is kept in the
    /// string, whose comparing and hashing are faster for it.
    @inline(__always)
    static func string(validUTF8 bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String {
        if #available(macOS 26, iOS 26, watchOS 26, tvOS 26, visionOS 26, *) {
            return String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: isASCII))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether the bytes `value`, at `start..<end` on the line, are all below 0x80: without a
    /// look at them when the value ends before the line's first byte of 0x80 or above, starts
    /// after its last, or holds either.
    @inline(__always)
    private func isASCII(_ start: Int, _ end: Int, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        if lineIsASCII || end <= firstHigh || start > lastHigh { return true }
        if start <= firstHigh && firstHigh < end || start <= lastHigh && lastHigh < end { return false }
        return JournalParser.isASCII(value)
    }

    /// Whether all the bytes are below 0x80, looking at eight at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return true }
        var bits: UInt64 = 0
        var i = 0
        while bytes.count - i >= 8 {
            bits |= base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < bytes.count {
            bits |= UInt64(bytes[i])
            i += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - 55
        default: return nil
        }
    }

    /// Why the escape at `i` is malformed, or nil when it is fine.
    static func checkEscape(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> String? {
        guard i + 1 < end else { return "backslash at the end of the text" }
        switch b[i + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"):
            return nil
        case UInt8(ascii: "u"):
            guard i + 2 < end, b[i + 2] == UInt8(ascii: "{") else { return "\\u must be followed by {HEX}" }
            var j = i + 3
            var v: UInt32 = 0
            while j < end, let h = hexValue(b[j]), j - (i + 3) < 6 { v = v << 4 | UInt32(h); j += 1 }
            guard j < end, b[j] == UInt8(ascii: "}"), j > i + 3 else { return "\\u{…} needs 1 to 6 hex digits and a closing brace" }
            guard Unicode.Scalar(v) != nil else { return "\\u{\(String(v, radix: 16, uppercase: true))} is not a Unicode scalar" }
            return nil
        default:
            return "unknown escape '\\\(String(decoding: [b[i + 1]], as: UTF8.self))'"
        }
    }

    /// The length in bytes of a well-formed escape starting at `i`.
    static func escapeLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        guard b[i + 1] == UInt8(ascii: "u") else { return 2 }
        var j = i + 3
        while b[j] != UInt8(ascii: "}") { j += 1 }
        return j - i + 1
    }

    // MARK: - Bytes

    static func text(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[r.clamped(to: 0..<b.count)].prefix(40)), as: UTF8.self)
    }

    /// The 1-based column of byte offset `offset`, counting Unicode scalars.
    static func column(_ b: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        var n = 1
        for i in 0..<min(offset, b.count) where b[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// The offset of the first byte that is not part of well-formed UTF-8, or nil. When it
    /// returns nil, `firstHigh` and `lastHigh` are the offsets of the first and last bytes of
    /// 0x80 or above (left alone when there are none; when it returns an offset, they are
    /// not set). Loads are unaligned words through the raw pointer, none reaching past `end`.
    static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>, end: Int,
                                 firstHigh: inout Int, lastHigh: inout Int) -> Int? {
        guard let p = UnsafeRawPointer(b.baseAddress) else { return nil }
        var i = firstHighByte(p, end: end)
        if i == end { return nil }
        let first = i
        // Just past the last sequence, once no byte of 0x80 or above follows it.
        var last = end
        let limit = end &- 8
        checking: do {
            // Eight bytes at `i` while there are eight: a sequence starting at `i` is checked
            // in that word, and when the byte at `i` is ASCII (so a sequence ended just before
            // it), the word says where the next byte of 0x80 or above is, if within it: the
            // space between words in other scripts, or a letter or two between accented ones.
            while i <= limit {
                let w = word(p, at: i)
                if w & 0x80 == 0 {
                    let h = w & highBits
                    if h != 0 { i &+= h.trailingZeroBitCount &>> 3; continue }
                    let gap = i
                    i = nextHighByte(p, from: i &+ 8, end: end)
                    if i == end { last = gap; break checking }
                    continue
                }
                let n = wellFormedLength(w)
                if n == 0 { return i }
                i &+= n
            }
            // The last few bytes, the same way with a word that has zeros after `end`.
            while i < end {
                let w = tailWord(p, at: i, end: end)
                if w & 0x80 == 0 {
                    let h = w & highBits
                    if h == 0 { last = i; break checking }
                    i &+= h.trailingZeroBitCount &>> 3
                    continue
                }
                let n = wellFormedLength(w)
                if n == 0 { return i }
                i &+= n
            }
        }
        if firstHigh < 0 { firstHigh = first }
        lastHigh = last &- 1
        return nil
    }

    /// The eight bytes at `i`, the first in the low bits (as loaded on a little-endian
    /// machine, and swapped into that order on another).
    @inline(__always)
    private static func word(_ p: UnsafeRawPointer, at i: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
    }

    /// The high bit of each byte of a word.
    private static var highBits: UInt64 { 0x8080_8080_8080_8080 }

    /// How many bytes at the start of `w` (its low byte first, a byte of 0x80 or above) are
    /// well-formed UTF-8 sequences, checked together: one sequence, or four two-byte ones,
    /// or two three-byte ones (dense Greek, Cyrillic and Arabic; CJK, Hangul and Gujarati);
    /// 0 when the first sequence is not well-formed. A byte of `w` past the end of the text
    /// must be zero: zero is neither a lead nor a continuation byte, so a sequence cut short
    /// by the end fails as one cut short by an ASCII byte does.
    @inline(__always)
    private static func wellFormedLength(_ w: UInt64) -> Int {
        let c = w & 0xFF
        if c &- 0xC2 < 0x1E {
            // C2...DF, then a continuation byte (10xxxxxx). Four at once: in each 16-bit lane
            // a lead 110xxxxx and a continuation, and the lead not C0 or C1 (an overlong
            // ASCII), that is its bits 0x1E not all zero: adding 0x7FFE to them (at most
            // 0x1E, so nothing carries into the next lane) sets the lane's top bit just then.
            if w & 0xC0E0_C0E0_C0E0_C0E0 == 0x80C0_80C0_80C0_80C0,
               ((w & 0x001E_001E_001E_001E) &+ 0x7FFE_7FFE_7FFE_7FFE) & 0x8000_8000_8000_8000
                   == 0x8000_8000_8000_8000 {
                return 8
            }
            return w & 0xC000 == 0x8000 ? 2 : 0
        }
        if c & 0xF0 == 0xE0 {
            // E0...EF and two continuation bytes. The lead's low four bits and the second
            // byte's 0x20 are bits 15...11 of the scalar: 0 would be an overlong (below
            // U+0800) and 0x1B a surrogate (U+D800...DFFF), the two forms Unicode excludes
            // (E0 80...9F and ED A0...BF); every other value is allowed, a bit of the mask.
            let allowed: UInt64 = 0xF7FF_FFFE
            let top = (c & 0x0F) &<< 1 | (w &>> 13) & 1
            guard w & 0xC0_C000 == 0x80_8000, allowed &>> top & 1 != 0 else { return 0 }
            // The next three bytes the same way.
            if w & 0xC0C0_F000_0000 == 0x8080_E000_0000 {
                let next = (w &>> 24 & 0x0F) &<< 1 | (w &>> 37) & 1
                if allowed &>> next & 1 != 0 { return 6 }
            }
            return 3
        }
        if c &- 0xF0 < 5 {
            // F0...F4 and three continuation bytes. The lead's low three bits and the second
            // byte's 0x30 are bits 20...16 of the scalar, which must be 1...16: 0 would be an
            // overlong (F0 80...8F), 17 or more above U+10FFFF (F4 90...BF).
            let plane = (c & 0x07) &<< 2 | (w &>> 12) & 3
            guard w & 0xC0C0_C000 == 0x8080_8000, plane &- 1 < 16 else { return 0 }
            return 4
        }
        // A continuation byte, C0, C1 or F5...FF.
        return 0
    }

    /// The bytes `i..<end`, fewer than eight, as the low bytes of a word whose others are
    /// zero. With eight bytes or more on the line it is the word ending at `end` shifted
    /// right, so nothing before the line or past `end` is read.
    @inline(__always)
    private static func tailWord(_ p: UnsafeRawPointer, at i: Int, end: Int) -> UInt64 {
        if end >= 8 {
            let before = UInt64(truncatingIfNeeded: i &- (end &- 8))
            return word(p, at: end &- 8) &>> (before &* 8)
        }
        var w: UInt64 = 0
        var k = end
        while k > i {
            k &-= 1
            w = w &<< 8 | UInt64(p.load(fromByteOffset: k, as: UInt8.self))
        }
        return w
    }

    /// The offset of the first byte of 0x80 or above in `0..<end`, or `end`. A line starts
    /// with 60 bytes or more of ASCII (timestamp, id, kind, project), and many are ASCII
    /// throughout: 32 bytes at a time, and the last 32 bytes of the line as a block of
    /// their own, overlapping the one before: its bytes before `i` were seen to be ASCII,
    /// so seeing them again changes nothing, and no load needs a bound of its own.
    @inline(__always)
    private static func firstHighByte(_ p: UnsafeRawPointer, end: Int) -> Int {
        if end < 32 { return nextHighByte(p, from: 0, end: end) }
        let lastBlock = end &- 32
        var i = 0
        while i < lastBlock {
            if let k = highByteInBlock(p, at: i) { return i &+ k }
            i &+= 32
        }
        if let k = highByteInBlock(p, at: lastBlock) { return lastBlock &+ k }
        return end
    }

    /// The offset in the 32 bytes at `i` of the first of 0x80 or above, or nil: the block
    /// tested whole, then searched a word at a time when it has one. The search loads its
    /// words again: when it used the test's four words, the compiler kept them in four
    /// registers and the test took more instructions than with two 16-byte vector loads.
    @inline(__always)
    private static func highByteInBlock(_ p: UnsafeRawPointer, at i: Int) -> Int? {
        let v = p.loadUnaligned(fromByteOffset: i, as: SIMD2<UInt64>.self)
            | p.loadUnaligned(fromByteOffset: i &+ 16, as: SIMD2<UInt64>.self)
        if (v[0] | v[1]) & highBits == 0 { return nil }
        var k = 0
        while true {
            let h = word(p, at: i &+ k) & highBits
            if h != 0 { return k &+ h.trailingZeroBitCount &>> 3 }
            k &+= 8
        }
    }

    /// The offset of the first byte of 0x80 or above in `start..<end`, or `end`: 32 bytes
    /// at a time, then 8, then the last few through `tailWord`.
    @inline(__always)
    private static func nextHighByte(_ p: UnsafeRawPointer, from start: Int, end: Int) -> Int {
        var i = start
        while end &- i >= 32, (p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                               | p.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self)
                               | p.loadUnaligned(fromByteOffset: i &+ 16, as: UInt64.self)
                               | p.loadUnaligned(fromByteOffset: i &+ 24, as: UInt64.self)) & highBits == 0 {
            i &+= 32
        }
        while end &- i >= 8 {
            let h = word(p, at: i) & highBits
            if h != 0 { return i &+ h.trailingZeroBitCount &>> 3 }
            i &+= 8
        }
        guard i < end else { return end }
        let h = tailWord(p, at: i, end: end) & highBits
        return h == 0 ? end : i &+ h.trailingZeroBitCount &>> 3
    }
}

/// Words looked up by their bytes with one multiply, one table load and one compare: a word
/// of at most 8 lower-case letters is packed into a `UInt64`, and a multiplier chosen when
/// the table is made sends each word to its own slot (a perfect hash). Keys and kinds are
/// looked up for every field of every line, so this costs no allocation, no hashing of
/// arrays and no search.
struct Keywords<Value: Sendable>: Sendable {
    private typealias Slot = (word: UInt64, length: Int, value: Value)
    private static var slotBits: UInt64 { 7 }
    private var slots: [Slot?]
    private var multiplier: UInt64

    /// Words of 1 to 8 lower-case ASCII letters, all different.
    init(_ words: [(String, Value)]) {
        // Odd multipliers from a fixed sequence until one puts every word in a slot of its
        // own; with 128 slots for a few dozen words that takes some tens of tries.
        var m: UInt64 = 0x9E37_79B9_7F4A_7C15
        while true {
            var slots = [Slot?](repeating: nil, count: 1 << Keywords.slotBits)
            var collided = false
            for (word, value) in words {
                let bytes = Array(word.utf8)
                precondition((1...8).contains(bytes.count), "keywords are 1 to 8 bytes")
                let w = bytes.withUnsafeBufferPointer { JournalParser.pack($0, 0..<$0.count) }
                let s = Keywords.slot(w, m)
                if slots[s] != nil { collided = true; break }
                slots[s] = (w, bytes.count, value)
            }
            if !collided {
                self.slots = slots
                self.multiplier = m
                return
            }
            m = (m &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407) | 1
        }
    }

    @inline(__always)
    private static func slot(_ w: UInt64, _ m: UInt64) -> Int {
        Int(truncatingIfNeeded: (w &* m) >> (64 - slotBits))
    }

    @inline(__always)
    func find(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Value? {
        guard r.count >= 1, r.count <= 8 else { return nil }
        let w = JournalParser.pack(b, r)
        guard let s = slots[Keywords.slot(w, multiplier)], s.word == w, s.length == r.count else { return nil }
        return s.value
    }
}
