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

    typealias Key = FieldKey

    /// Which fields a kind takes, as bit masks (from `EventKind.spec`).
    struct Shape {
        var required: UInt64
        var optional: UInt64
        var repeated: UInt64

        init(_ spec: KindSpec) {
            required = spec.requiredMask
            optional = spec.optionalMask
            repeated = spec.repeatedMask
        }

        func allows(_ k: Key) -> Bool { (required | optional | repeated) & k.bit != 0 }
    }


    /// The kinds and their shapes, and the keys, found from a line's bytes without building an
    /// array or hashing it (a dictionary costs an allocation and a hash per field).
    static let kindTable = Keywords(EventKind.allCases.map { ($0.rawValue, (kind: $0, shape: Shape($0.spec))) })
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
    var fields: [Field] = []
    var fieldCount = 0
    /// The tables, held by each parser so that a look-up does not first check that a global
    /// has been initialised.
    let kinds = JournalParser.kindTable
    let keys = JournalParser.keyTable
    let idDigits = EventID.decodeTable
    var scratch: [UInt8] = []
    /// Owner lists recently read, shared by the follow-ups that name the same people.
    var ownerLists = OwnerListCache()

    /// The line being read: its number, the keys it has (a bit per key), for each key it has
    /// the index in `fields` of its first field, and the first problem `build` found. Only
    /// entries whose bit is in `seen` are meaningful, so nothing is cleared between lines.
    var number = 0
    var seen: UInt64 = 0
    var firstField: [Int] = Array(repeating: 0, count: Key.allCases.count)
    var failure: Diagnostic?
    /// Whether `failure` is this line's: asked instead of `failure == nil`, which copies and
    /// destroys the optional diagnostic each time (several times a line); `failure` itself
    /// is left from the last line that had one.
    var failed = false
    /// Whether the line has only ASCII bytes; then so does every value (see `decode`).
    var lineIsASCII = true
    /// The offsets of the line's first and last bytes of 0x80 or above (-1 when it has none),
    /// which decide most values' `isASCII` without a look at their bytes (see `isASCII`).
    var firstHigh = -1
    var lastHigh = -1

    /// The id of the event the last line held and the id it refers to, `noID` for none:
    /// replay reads ahead in the state by them (`JournalLoader.ReplayFold.warm`), and taking
    /// them from the parsed event instead would copy it, retaining each of its strings.
    var lastEventIDs = (id: JournalParser.noID, ref: JournalParser.noID)
    /// The `ref` field read while building the current event.
    var refRead = JournalParser.noID
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

    mutating func parseEvent(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
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
    func eventID(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> EventID? {
        idDigits.withUnsafeBufferPointer {
            EventID.parse(twelveBytesAt: UnsafeRawPointer(b.baseAddress! + i), table: $0.baseAddress!)
        }
    }

    /// The key at `i` and its length when the bytes up to the next `=` (at most 8 of them,
    /// found in one word) are a known key; nil sends the caller to the byte-by-byte scan,
    /// which reports what is wrong. A known key is lower-case letters, so both ways agree.
    @inline(__always)
    func quickKey(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Key, Int)? {
        guard b.count - i >= 9 else { return nil }
        let w = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
        let equals = JournalParser.zeroBytes(w ^ (JournalParser.ones &* UInt64(UInt8(ascii: "="))))
        let length = equals != 0 ? equals.trailingZeroBitCount / 8 : (b[i + 8] == UInt8(ascii: "=") ? 8 : 0)
        guard length > 0, let key = keys.find(b, i..<(i + length)) else { return nil }
        return (key, length)
    }


    /// The day of the last date read, by its ten bytes: journal lines come in time order, so
    /// most timestamps and meeting dates repeat the previous date, which then costs a compare.
    var lastDate: (head: UInt64, tail: UInt16, day: Day)?

    /// References `projectRef` read, by their bytes packed into two words, in a small table
    /// indexed by a hash of those words: a journal names some tens or hundreds of projects
    /// over and over, and a reference found here costs a compare instead of checking the slug
    /// and making its string again (like `lastDate`). A new reference takes its slot over.
    /// 1 024 slots: a county-wide journal names about a thousand projects, and with fewer
    /// slots their references kept pushing each other out. Made at the first reference.
    var projectCache: [(head: UInt64, tail: UInt64, length: Int, ref: ProjectRef)?] = []
}
