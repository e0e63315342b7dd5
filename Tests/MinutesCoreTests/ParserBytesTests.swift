import Testing
@testable import MinutesCore

/// The byte-level shortcuts of `JournalParser` and `EventID` agree with the plain definitions.
@Suite struct ParserBytesTests {
    @Test func anIdReadFromBytesIsTheIdWrittenAndAnyByteOutsideTheAlphabetAtAnyPlaceIsRefused() {
        var g = SeededGenerator(seed: 101)
        for _ in 0..<200 {
            let id = EventID.random(using: &g)
            #expect(EventID.parse(id.text) == id)
        }
        #expect(EventID.parse("000000000000")?.value == 0)
        #expect(EventID.parse("zzzzzzzzzzzz")?.value == EventID.mask)
        #expect(EventID.parse("0000000000") == nil)
        #expect(EventID.parse("0000000000000") == nil)
        let alphabet = Set(EventID.alphabet)
        for place in 0..<12 {
            for byte in 0...255 where !alphabet.contains(UInt8(byte)) {
                var bytes = Array("4k7q4k7q4k7q".utf8)
                bytes[place] = UInt8(byte)
                #expect(bytes.withUnsafeBufferPointer { EventID.parse(bytes: $0[...]) } == nil)
            }
        }
    }

    @Test func aLineWithAnIdOutsideTheAlphabetOrAReferenceOfTheWrongLengthIsReportedAsBefore() {
        var parser = JournalParser()
        guard case .failure(let d) = parser.parse("2024-01-10T10:00:00.000Z 4k7q4k7q4k7u note project=g/1 text=x", number: 3) else {
            Issue.record("an id with a 'u' was read")
            return
        }
        #expect(d.message == "bad event id '4k7q4k7q4k7u'")
        #expect(d.column == 26)
        guard case .failure(let r) = parser.parse("2024-01-10T10:00:00.000Z 4k7q4k7q4k7q done ref=4k7q4k7q4k7", number: 4) else {
            Issue.record("an 11-character reference was read")
            return
        }
        #expect(r.message == "'4k7q4k7q4k7' is not an event id")
        #expect(r.column == 48)
        guard case .event(let e) = parser.parse("2024-01-10T10:00:00.000Z 4k7q4k7q4k7q done ref=zzzzzzzzzzzz", number: 5),
              case .done(let ref, _, _) = e.body else {
            Issue.record("a done event was not read")
            return
        }
        #expect(ref.value == EventID.mask)
    }

    /// Table 3-7 of the Unicode Standard, a byte at a time: the offset of the first byte
    /// that starts no well-formed sequence.
    static func referenceFirstInvalid(_ b: [UInt8]) -> Int? {
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let ranges: [ClosedRange<UInt8>]
            switch c {
            case 0xC2...0xDF: ranges = [0x80...0xBF]
            case 0xE0: ranges = [0xA0...0xBF, 0x80...0xBF]
            case 0xE1...0xEC, 0xEE...0xEF: ranges = [0x80...0xBF, 0x80...0xBF]
            case 0xED: ranges = [0x80...0x9F, 0x80...0xBF]
            case 0xF0: ranges = [0x90...0xBF, 0x80...0xBF, 0x80...0xBF]
            case 0xF1...0xF3: ranges = [0x80...0xBF, 0x80...0xBF, 0x80...0xBF]
            case 0xF4: ranges = [0x80...0x8F, 0x80...0xBF, 0x80...0xBF]
            default: return i
            }
            for (k, r) in ranges.enumerated() where i + 1 + k >= b.count || !r.contains(b[i + 1 + k]) { return i }
            i += 1 + ranges.count
        }
        return nil
    }

    @Test func theUTF8CheckFindsTheSameFirstBadByteAsTheStandardsTableInMixedAndDenseText() {
        var g = SeededGenerator(seed: 102)
        let pieces: [[UInt8]] = ["a", " ", "é", "Ω", "会議", "の議事録", "ﷺ", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "\u{10FFFF}", "\u{D7FF}", "\u{E000}", "\u{800}", "\u{80}",
                                 "abcdefghijklmnopqrstuvwxyz0123456789"].map { Array($0.utf8) }
        let bad: [[UInt8]] = [[0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xE0, 0x9F, 0x80], [0xE1, 0x80],
                              [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0x41], [0xF0, 0x8F, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80],
                              [0xF3, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xE2, 0x28, 0xA1]]
        for round in 0..<4000 {
            var line: [UInt8] = []
            for _ in 0..<Int.random(in: 0...24, using: &g) { line += pieces.randomElement(using: &g)! }
            if round % 3 != 0 { line.insert(contentsOf: bad.randomElement(using: &g)!, at: Int.random(in: 0...line.count, using: &g)) }
            if round % 5 == 0 { line += bad.randomElement(using: &g)! }
            var first = -1, last = -1
            let found = line.withUnsafeBufferPointer {
                JournalParser.firstInvalidUTF8($0, end: $0.count, firstHigh: &first, lastHigh: &last)
            }
            #expect(found == Self.referenceFirstInvalid(line), "\(line)")
            if found == nil {
                #expect(first == (line.firstIndex { $0 >= 0x80 } ?? -1), "\(line)")
                #expect(last == (line.lastIndex { $0 >= 0x80 } ?? -1), "\(line)")
            }
        }
    }

    /// The standard library's reading of the same bytes: its parser takes one well-formed
    /// scalar at a time and stops at the first byte that starts none.
    static func libraryFirstInvalid(_ b: ArraySlice<UInt8>) -> Int? {
        var bytes = b.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// Runs `firstInvalidUTF8` on bytes whose text ends at `end`, in a buffer allocated to
    /// end where the bytes do, and compares the offset it finds, and when it finds none the
    /// first and last bytes of 0x80 or above, with the table of the standard and with the
    /// standard library (which must agree). Records the first few cases that differ.
    struct UTF8Check {
        var cases = 0
        var failures = 0

        mutating func check(_ bytes: [UInt8], end: Int? = nil, _ what: String) {
            let end = end ?? bytes.count
            cases += 1
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
            defer { buffer.deallocate() }
            _ = buffer.initialize(from: bytes)
            var first = -1, last = -1
            let found = JournalParser.firstInvalidUTF8(UnsafeBufferPointer(buffer), end: end,
                                                       firstHigh: &first, lastHigh: &last)
            let text = bytes[..<end]
            let expected = ParserBytesTests.referenceFirstInvalid(Array(text))
            let library = ParserBytesTests.libraryFirstInvalid(text)
            let repaired = Array(String(decoding: text, as: UTF8.self).utf8)
            var wrong: [String] = []
            if library != expected || (repaired == Array(text)) != (expected == nil) {
                wrong.append("the references disagree: \(String(describing: expected)), \(String(describing: library))")
            }
            if found != expected {
                wrong.append("found \(String(describing: found)), expected \(String(describing: expected))")
            } else if found == nil {
                let firstHigh = text.firstIndex { $0 >= 0x80 } ?? -1
                let lastHigh = text.lastIndex { $0 >= 0x80 } ?? -1
                if first != firstHigh || last != lastHigh {
                    wrong.append("first and last high \(first), \(last), expected \(firstHigh), \(lastHigh)")
                }
            }
            guard !wrong.isEmpty else { return }
            failures += 1
            if failures <= 10 {
                let hex = bytes.map { String($0, radix: 16) }.joined(separator: " ")
                Issue.record("\(what): \(wrong.joined(separator: "; ")) in [\(hex)] to \(end)")
            }
        }
    }

    /// A scalar's bytes, of the given length (1 to 4), often one at the edge of its range.
    static func scalarBytes(length: Int, using g: inout SeededGenerator) -> [UInt8] {
        let ranges: [ClosedRange<UInt32>] = [0...0x7F, 0x80...0x7FF, 0x800...0xFFFF, 0x10000...0x10FFFF]
        let edges: [[UInt32]] = [[0, 0x20, 0x7F], [0x80, 0xFF, 0x100, 0x7FF], [0x800, 0xFFF, 0x1000, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF],
                                 [0x10000, 0x3FFFF, 0x40000, 0xFFFFF, 0x100000, 0x10FFFF]]
        var v = Int.random(in: 0..<4, using: &g) == 0 ? edges[length - 1].randomElement(using: &g)!
                                                        : UInt32.random(in: ranges[length - 1], using: &g)
        if (0xD800...0xDFFF).contains(v) { v = 0xD7FF }
        return Array(String(Unicode.Scalar(v)!).utf8)
    }

    /// Well-formed text of exactly `count` bytes: scalars of the lengths `weights` favours
    /// (weights of lengths 1 to 4), with ASCII to fill when a longer one does not fit.
    static func text(count: Int, weights: [Int], using g: inout SeededGenerator) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count {
            var pick = Int.random(in: 0..<weights.reduce(0, +), using: &g)
            var length = 1
            while pick >= weights[length - 1] { pick -= weights[length - 1]; length += 1 }
            if length > count - bytes.count { length = 1 }
            bytes += scalarBytes(length: length, using: &g)
        }
        return bytes
    }

    /// Every way a sequence can be ill-formed, as bytes that start one and are not
    /// well-formed: overlongs, surrogates, scalars above U+10FFFF, leads that start nothing,
    /// lone continuation bytes, and sequences whose continuation is missing or not one.
    static func illFormed(using g: inout SeededGenerator) -> [UInt8] {
        func continuation() -> UInt8 { UInt8.random(in: 0x80...0xBF, using: &g) }
        func notContinuation() -> UInt8 {
            Bool.random(using: &g) ? UInt8.random(in: 0...0x7F, using: &g) : UInt8.random(in: 0xC0...0xFF, using: &g)
        }
        switch Int.random(in: 0..<10, using: &g) {
        case 0: return [0xE0, UInt8.random(in: 0x80...0x9F, using: &g), continuation()]
        case 1: return [0xED, UInt8.random(in: 0xA0...0xBF, using: &g), continuation()]
        case 2: return [0xF0, UInt8.random(in: 0x80...0x8F, using: &g), continuation(), continuation()]
        case 3: return [0xF4, UInt8.random(in: 0x90...0xBF, using: &g), continuation(), continuation()]
        case 4: return [UInt8.random(in: 0xF5...0xFF, using: &g), continuation(), continuation(), continuation()]
        case 5: return [UInt8.random(in: 0xC0...0xC1, using: &g), continuation()]
        case 6: return [continuation()]
        default:
            // A well-formed sequence of two to four bytes with one of its continuation
            // bytes replaced by a byte that is none.
            var bytes = scalarBytes(length: Int.random(in: 2...4, using: &g), using: &g)
            bytes[Int.random(in: 1..<bytes.count, using: &g)] = notContinuation()
            return bytes
        }
    }

    @Test func theUTF8CheckAgreesWithTheStandardOnDenseTextOfEveryLengthOfSequence() {
        var g = SeededGenerator(seed: 103)
        var check = UTF8Check()
        // Mostly ASCII with accents; dense two-, three- and four-byte text; an even mix.
        let mixes = [[20, 2, 1, 0], [1, 20, 0, 0], [1, 0, 20, 0], [1, 0, 0, 20], [0, 5, 5, 5], [3, 3, 3, 3]]
        for round in 0..<12000 {
            let weights = mixes[round % mixes.count]
            let line = Self.text(count: Int.random(in: 0...140, using: &g), weights: weights, using: &g)
            check.check(line, "well-formed text \(round)")
            // The same text ending anywhere, most often inside a sequence, with the rest of
            // the line still in the buffer after `end`.
            check.check(line, end: Int.random(in: 0...line.count, using: &g), "text ended early \(round)")
        }
        #expect(check.failures == 0)
        #expect(check.cases == 24000)
    }

    @Test func theUTF8CheckFindsEveryIllFormedSequenceRightAfterMultiByteTextAndAtWordBoundaries() {
        var g = SeededGenerator(seed: 104)
        var check = UTF8Check()
        let mixes = [[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [0, 1, 1, 1], [4, 1, 1, 1]]
        let offsets = [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16, 17, 23, 24, 25, 30, 31, 32, 33, 39, 40, 41,
                       47, 48, 55, 56, 57, 62, 63, 64, 65, 95, 96, 97]
        for round in 0..<60 {
            for offset in offsets {
                // ASCII, then multi-byte text up to `offset` (most often all of it), the
                // ill-formed bytes there, and more text after them.
                let weights = mixes[(round + offset) % mixes.count]
                let multiByte = round % 3 == 0 ? Int.random(in: 0...offset, using: &g) : offset
                var line = Self.text(count: offset - multiByte, weights: [1, 0, 0, 0], using: &g)
                    + Self.text(count: multiByte, weights: weights, using: &g)
                line += Self.illFormed(using: &g)
                line += Self.text(count: Int.random(in: 0...40, using: &g), weights: weights, using: &g)
                check.check(line, "ill-formed at \(offset), round \(round)")
            }
        }
        #expect(check.failures == 0)
    }

    @Test func theUTF8CheckFindsASequenceCutShortByTheEndAfterAnyText() {
        var g = SeededGenerator(seed: 105)
        var check = UTF8Check()
        for length in 0...80 {
            for round in 0..<24 {
                // Text of `length` bytes, then the first one to three bytes of a sequence of
                // two to four: the line ends there, or `end` does with the rest in the buffer.
                let weights = [[1, 1, 1, 1], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [6, 1, 0, 0]][round % 5]
                let text = Self.text(count: length, weights: weights, using: &g)
                let sequence = Self.scalarBytes(length: Int.random(in: 2...4, using: &g), using: &g)
                let cut = Int.random(in: 1..<sequence.count, using: &g)
                check.check(text + sequence[..<cut], "cut after \(length), round \(round)")
                check.check(text + sequence, end: length + cut, "ended after \(length), round \(round)")
                // And a whole sequence ending exactly at the end.
                check.check(text + sequence, "whole after \(length), round \(round)")
            }
        }
        #expect(check.failures == 0)
    }

    @Test func theUTF8CheckReadsEveryLeadWithEachEdgeOfTheSecondBytesRangesAtEveryPlaceInAWord() {
        var check = UTF8Check()
        // Each byte of 0x80 or above as a lead, with second bytes at both edges of each range
        // of Table 3-7 and a few third and fourth bytes, at offsets that put it at each place
        // in a word, at the end of the line and with eight more bytes after it.
        let seconds: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x81, 0x8F, 0x90, 0x9F, 0xA0, 0xAF, 0xB0, 0xBF,
                                0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        let rests: [(UInt8, UInt8)] = [(0x80, 0xBF), (0xBF, 0x41), (0x41, 0x80), (0xC3, 0xA9)]
        for offset in [0, 7, 8, 13, 31] {
            for lead in 0x80...0xFF {
                for second in seconds {
                    for (third, fourth) in rests {
                        let line = [UInt8](repeating: 0x61, count: offset) + [UInt8(lead), second, third, fourth]
                        check.check(line, "lead \(lead), second \(second) at \(offset)")
                        check.check(line + Array("bcdefghi".utf8), "lead \(lead), second \(second) at \(offset), more")
                        if third == 0x80 {
                            for cut in 1...3 {
                                check.check(line, end: offset + cut, "lead \(lead), second \(second) at \(offset) cut")
                            }
                        }
                    }
                }
            }
        }
        #expect(check.failures == 0)
    }

    @Test func everyScalarOutsideASCIIThatIsWhitespaceIsOneTheBlankTestSendsToTheString() {
        for v in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let bytes = Array(String(scalar).utf8) + [0x20]
            let may = bytes.withUnsafeBufferPointer { JournalParser.mayBeWhitespace($0, at: 0) }
            if !may {
                #expect(!Character(scalar).isWhitespace, "U+\(String(v, radix: 16))")
                #expect(!scalar.properties.isWhitespace, "U+\(String(v, radix: 16))")
            }
        }
    }

    @Test func textsThatStartWithWhitespaceOutsideASCIIAreEmptyOnlyWhenAllOfItIsWhitespace() {
        var parser = JournalParser()
        let head = "2024-01-10T10:00:00.000Z 4k7q4k7q4k7q "
        for blank in ["\u{3000}", "\u{A0}", "\u{85}", "\u{2003}\u{2028}", "\u{1680} ", "\u{205F}\u{202F}"] {
            guard case .failure(let d) = parser.parse(head + "note project=g/1 text=\"\(blank)\"", number: 2) else {
                Issue.record("blank text \(blank.unicodeScalars.map(\.value)) was read")
                continue
            }
            #expect(d.message == "text is empty")
            #expect(d.column == 61)
            guard case .failure(let o) = parser.parse(head + "todo project=g/1 owner=\"\(blank)\" text=x", number: 2) else {
                Issue.record("a blank owner was read")
                continue
            }
            #expect(o.message == "owner is empty")
        }
        for text in ["\u{3000}x", "\u{A0}é", "\u{2003}会議", "é", "会議", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "\u{2010}", "\u{3001}", "\u{16A0}"] {
            guard case .event(let e) = parser.parse(head + "note project=g/1 text=\"\(text)\"", number: 2),
                  case .note(_, _, let t) = e.body else {
                Issue.record("text \(text.unicodeScalars.map(\.value)) was not read")
                continue
            }
            #expect(t == text)
        }
    }

    @Test func aProblemFoundOnOneLineIsNotReportedForTheNextAndOwnersKeepTheirOrder() {
        var parser = JournalParser()
        let head = "2024-01-10T10:00:00.000Z 4k7q4k7q4k7q "
        guard case .failure(let first) = parser.parse(head + "note project=g/1 text=\"  \"", number: 1) else {
            Issue.record("blank text was read")
            return
        }
        #expect(first.message == "text is empty")
        guard case .event(let e) = parser.parse(head + "todo project=g/1 owner=KP text=x", number: 2),
              case .todo(_, _, let one, _) = e.body else {
            Issue.record("the line after a failing one was not read")
            return
        }
        #expect(one == [.initials("KP")])
        guard case .failure(let second) = parser.parse(head + "note project=g/1 meeting=2024-13-01 text=x", number: 3) else {
            Issue.record("a bad date was read")
            return
        }
        #expect(second.message == "'2024-13-01' is not a date")
        #expect(second.line == 3)
        guard case .event(let e2) = parser.parse(head + "todo project=g/1 owner=KP meeting=2024-01-10 owner=\"Åsa's team\" owner=DD text=x", number: 4),
              case .todo(_, _, let several, _) = e2.body else {
            Issue.record("several owners were not read")
            return
        }
        #expect(several == [.initials("KP"), .named("Åsa's team"), .initials("DD")])
        guard case .failure(let third) = parser.parse(head + "reassign ref=4k7q4k7q4k7q owner=\" \"", number: 5) else {
            Issue.record("a blank owner was read")
            return
        }
        #expect(third.message == "owner is empty")
        guard case .failure(let fourth) = parser.parse(head + "reassign ref=4k7q4k7q4k7q owner=KP owner=\"\"", number: 6) else {
            Issue.record("a blank second owner was read")
            return
        }
        #expect(fourth.message == "owner is empty")
        #expect(fourth.column == 80)
    }

    @Test func theScanForTheNextSpecialByteStopsWhereAByteByByteScanStopsAtEveryOffsetAndLength() {
        var g = SeededGenerator(seed: 103)
        let plain: [UInt8] = Array("az09=/-'é".utf8) + [0x21, 0x7E, 0x80, 0xFF]
        let special: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x22, 0x5C, 0x7F]
        for _ in 0..<3000 {
            let n = Int.random(in: 0...40, using: &g)
            var bytes = (0..<n).map { _ in plain.randomElement(using: &g)! }
            for _ in 0..<Int.random(in: 0...2, using: &g) where n > 0 {
                bytes[Int.random(in: 0..<n, using: &g)] = special.randomElement(using: &g)!
            }
            for below: UInt8 in [0x20, 0x21] {
                for start in 0...n {
                    let expected = bytes[start...].firstIndex { $0 < below || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F } ?? n
                    let found = bytes.withUnsafeBufferPointer {
                        JournalParser.firstSpecial($0, from: start, end: n, below: UInt64(below))
                    }
                    #expect(found == expected, "\(bytes) from \(start) below \(below)")
                }
            }
        }
    }

    @Test func manyProjectsNamedInTurnAreEachReadAsTheProjectWritten() {
        var parser = JournalParser()
        var g = SeededGenerator(seed: 104)
        let refs = (1...400).map { "g\($0 % 37)-\(String(repeating: "x", count: $0 % 9))/\($0 % 23 + 1)" }
        for n in 0..<3000 {
            let ref = refs.randomElement(using: &g)!
            let line = "2024-01-10T10:00:00.000Z 4k7q4k7q4k7q note project=\(ref) text=x"
            guard case .event(let e) = parser.parse(line, number: n + 1), case .note(let p, _, _) = e.body else {
                Issue.record("\(line) was not read")
                continue
            }
            #expect(p == ProjectRef(ref), "\(ref)")
            #expect("\(p.group)/\(p.number)" == ref)
        }
    }

    @Test func valuesNextToTextOutsideASCIIAreReadWithTheirCharactersCounted() {
        var parser = JournalParser()
        let head = "2024-01-10T10:00:00.000Z 4k7q4k7q4k7q "
        let cases: [(owners: [String], text: String)] = [
            (["KP"], "plain"), (["Åsa's team"], "plain"), (["KP"], "naïve café"), (["全員", "KP"], "会議 x"),
            (["DD", "Åsa", "KP"], "a"), (["Åsa", "KP", "Ελλ"], "b 🏴󠁧󠁢󠁳󠁣󠁴󠁿"), (["Schools"], "x\\u{E9}y é"),
        ]
        for (owners, text) in cases {
            let fields = owners.map { "owner=\"\($0)\"" }.joined(separator: " ")
            let line = head + "todo project=g/1 \(fields) meeting=2024-01-10 text=\"\(text)\""
            guard case .event(let e) = parser.parse(line, number: 1), case .todo(_, _, let o, let t) = e.body else {
                Issue.record("\(line) was not read")
                continue
            }
            let unescaped = text.replacingOccurrences(of: "\\u{E9}", with: "é")
            #expect(t == unescaped)
            #expect(t.count == Array(unescaped).count)
            #expect(o.map(\.label) == owners)
            #expect(o.map { $0.label.count } == owners.map { Array($0).count })
            #expect(o.map { $0.label.unicodeScalars.count } == owners.map { Array($0.unicodeScalars).count })
        }
    }

    @Test func aKindOfAnyLengthIsReadOrReportedWhateverFollowsIt() {
        var parser = JournalParser()
        let head = "2024-01-10T10:00:00.000Z 4k7q4k7q4k7q "
        for (rest, message) in [("reassign\tref=4k7q4k7q4k7q owner=KP", nil), ("reassignx ref=4k7q4k7q4k7q", "unknown kind of event 'reassignx'"),
                                ("plan", "plan needs exactly one of 'group' or 'project'"), ("plan  group=g", nil),
                                ("carry", "carry event needs a 'ref' field"), ("no\"te text=x", "unknown kind of event 'no\"te'"),
                                ("notes text=x", "unknown kind of event 'notes'")] as [(String, String?)] {
            let result = parser.parse(head + rest, number: 1)
            switch result {
            case .event: #expect(message == nil, "\(rest)")
            case .failure(let d): #expect(d.message == message, "\(rest)")
            case .blank: Issue.record("\(rest) was blank")
            }
        }
    }

    @Test func aTimestampIsReadExactlyWhenTimestampParseReadsItWhicheverByteIsChanged() {
        var parser = JournalParser()
        var g = SeededGenerator(seed: 105)
        let replacements: [UInt8] = Array("0123456789:.TZ-/ ;x".utf8) + [0x29, 0x2F, 0x3A, 0x3F, 0x40, 0xB0, 0xFF]
        let bases = ["2024-01-10T10:00:00.000Z", "2009-06-26T23:59:59.999Z", "1999-12-31T00:00:00.001Z", "2024-02-29T19:45:07.120Z"]
        for round in 0..<6000 {
            var ts = Array(bases.randomElement(using: &g)!.utf8)
            for _ in 0..<(round % 3 == 0 ? 2 : 1) {
                ts[Int.random(in: 0..<24, using: &g)] = replacements.randomElement(using: &g)!
            }
            guard let text = String(validating: ts, as: UTF8.self), !text.contains(" ") else { continue }
            let expected = Timestamp.parse(text)
            switch parser.parse(text + " 4k7q4k7q4k7q carry ref=4k7q4k7q4k7q", number: 1) {
            case .event(let e): #expect(e.timestamp == expected, "\(text)")
            case .failure(let d):
                #expect(expected == nil, "\(text)")
                #expect(d.message == "expected a timestamp like 2009-06-26T10:15:03.120Z", "\(text)")
            case .blank: Issue.record("\(text) was blank")
            }
        }
    }
}
