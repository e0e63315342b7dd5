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
