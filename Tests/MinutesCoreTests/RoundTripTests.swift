import Foundation
import Testing
@testable import MinutesCore

/// Random events with awkward text, for `parse(write(e)) == e`.
struct AwkwardEvents {
    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    /// Pieces of text that have broken line-based formats before.
    static let fragments: [String] = [
        "plain words", "\"", "\\", "\\\"", "\"\"", "\t", "\n", "\r", "\r\n", "\u{0}", "\u{1B}[31m", "\u{7F}",
        "\u{85}", "\u{9B}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{200E}", "\u{061C}", "\u{200B}", "\u{200C}",
        "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{2028}", "\u{2029}",
        "👩‍👩‍👧‍👦", "🏳️‍🌈", "👍🏽", "اردو", "ગુજરાતી", "日本語のテキスト", "한국어", "e\u{301}", "\u{301}",
        "Zoë Ní Bhriain", "=", "key=value", "#", "# not a comment", " ", "  ", "x=\"y\"", "\\u{41}", "\\n",
        "minutes-journal 1", "2009-06-26T10:15:03.120Z", "{", "}", "'", "`", "$HOME", "%s", "a/b", "-", "_",
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ list: [T]) -> T { list[int(0...(list.count - 1))] }

    /// Text that is not only white space (the parser rejects blank text).
    mutating func text() -> String {
        var s: String
        switch int(0...9) {
        case 0:
            s = pick(["abc", "KP-2", "stay-safe/3", "x.y@z", "a,b", "A+B", "10:15", "Schools"])  // bare-able
        case 1:
            s = String(repeating: pick(AwkwardEvents.fragments) + "word ", count: int(200...2000))  // very long
        default:
            s = ""
            for _ in 0..<int(1...8) {
                s += pick(AwkwardEvents.fragments)
                if chance(0.5) { s += " " }
            }
            if chance(0.2) { s = "  " + s + "  " }
        }
        if s.allSatisfy(\.isWhitespace) { s += "x" }
        return s
    }

    mutating func maybeText(_ p: Double = 0.5) -> String? { chance(p) ? text() : nil }

    mutating func letters(_ range: ClosedRange<Int>, from alphabet: String) -> String {
        let a = Array(alphabet)
        return String((0..<int(range)).map { _ in pick(a) })
    }

    mutating func initials() -> String { letters(2...4, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZ") }

    mutating func slug() -> String {
        letters(1...1, from: "abcdefghijklmnopqrstuvwxyz")
            + letters(0...39, from: "abcdefghijklmnopqrstuvwxyz0123456789-")
    }

    mutating func projectRef() -> ProjectRef { ProjectRef(group: slug(), number: int(1...9999)) }

    static let firstDay = Day(year: 1, month: 1, day: 1)!.ordinal
    static let lastDay = Day(year: 9999, month: 12, day: 31)!.ordinal

    mutating func day() -> Day {
        Day(ordinal: Int32(int(Int(AwkwardEvents.firstDay)...Int(AwkwardEvents.lastDay))))
    }

    mutating func maybeDay() -> Day? { chance(0.5) ? day() : nil }

    mutating func timestamp() -> Timestamp {
        Timestamp(milliseconds: Int64(day().ordinal) * 86_400_000 + Int64(int(0...86_399_999)))
    }

    /// An owner as the journal reads it back: initials, or any other non-blank text as a name.
    mutating func owner() -> Owner {
        chance(0.5) ? .initials(initials()) : Owner(journalValue: text())
    }

    mutating func owners(_ range: ClosedRange<Int>) -> [Owner] { (0..<int(range)).map { _ in owner() } }

    mutating func strings(_ range: ClosedRange<Int>) -> [String] { (0..<int(range)).map { _ in text() } }

    mutating func id() -> EventID { EventID.random(using: &rng) }

    /// A random event of `kind`, each optional field present or absent at random.
    mutating func event(_ kind: EventKind) -> Event {
        let body: EventBody
        switch kind {
        case .person:
            body = .person(Person(initials: initials(), name: text(), organisation: maybeText()))
        case .group:
            body = .group(slug: slug(), name: text(), lead: chance(0.5) ? initials() : nil)
        case .project:
            body = .project(projectRef(), headline: text())
        case .meeting:
            body = .meeting(MeetingFields(group: slug(), date: day(), present: strings(0...5), apologies: strings(0...3),
                                          chair: maybeText(), minuteTaker: maybeText(), next: maybeDay(),
                                          inAttendance: strings(0...2)))
        case .action:
            body = .action(projectRef(), meeting: maybeDay(), text: text())
        case .note:
            body = .note(projectRef(), meeting: maybeDay(), text: text())
        case .todo:
            body = .todo(projectRef(), meeting: maybeDay(), owners: owners(0...4), text: text())
        case .done:
            body = .done(ref: id(), meeting: maybeDay(), outcome: maybeText())
        case .drop:
            body = .drop(ref: id(), meeting: maybeDay(), reason: text())
        case .reassign:
            body = .reassign(ref: id(), meeting: maybeDay(), owners: owners(1...4))
        case .carry:
            body = .carry(ref: id(), meeting: maybeDay())
        case .rate:
            let comment: String? = chance(0.1) ? "" : maybeText()  // an empty comment is allowed
            body = .rate(projectRef(), meeting: maybeDay(), rating: pick(Rating.allCases), comment: comment)
        case .amend:
            body = .amend(ref: id(), text: text(), owners: chance(0.5) ? owners(1...3) : nil)
        case .retract:
            body = .retract(ref: id(), reason: maybeText())
        case .plan:
            let isGroup = chance(0.5)
            // A plan may not end before it starts (a parse error), so the two are put in order.
            let (d1, d2) = (maybeDay(), maybeDay())
            let (start, end) = d1 != nil && d2 != nil ? (min(d1!, d2!), max(d1!, d2!)) : (d1, d2)
            let fields = PlanFields(lead: chance(0.5) ? initials() : nil, aim: maybeText(), start: start,
                                    end: end, links: chance(0.5) ? strings(1...3) : [],
                                    priorities: isGroup && chance(0.5) ? strings(1...4) : [])
            body = .plan(isGroup ? .group(slug()) : .project(projectRef()), fields)
        case .decision:
            body = .decision(projectRef(), meeting: maybeDay(), text: text())
        case .aob:
            body = .aob(group: slug(), meeting: maybeDay(), text: text())
        case .approve:
            body = .approve(group: slug(), meeting: day(), at: day(), amendments: maybeText())
        case .due:
            body = .due(ref: id(), meeting: maybeDay(), date: day())
        case .confidential:
            body = .confidential(ref: id())
        }
        return Event(id: id(), timestamp: timestamp(), body: body)
    }
}

/// Whether a scalar may not appear raw on a written line: it could end the line, move the
/// cursor, or reorder what a terminal shows. Decided from Unicode properties, not from the
/// writer's own table.
func isUnsafeOnALine(_ s: Unicode.Scalar) -> Bool {
    switch s.properties.generalCategory {
    case .control, .lineSeparator, .paragraphSeparator: return true
    default: return s.properties.isBidiControl
    }
}

@Suite struct RoundTripTests {
    @Test(arguments: EventKind.allCases)
    func everyKindReadsBackExactlyWhatWasWritten(_ kind: EventKind) {
        var gen = AwkwardEvents(seed: 0xC0FFEE &+ UInt64(EventKind.allCases.firstIndex(of: kind)!))
        var parser = JournalParser()
        for n in 0..<400 {
            let event = gen.event(kind)
            let line = EventWriter.line(for: event)
            guard case .event(let back) = parser.parse(line, number: n) else {
                Issue.record("event \(n) of kind \(kind) did not parse: \(parser.parse(line, number: n))\n\(line.debugDescription)")
                return
            }
            #expect(back == event, "event \(n): \(line.debugDescription)")
            // Equal as Strings is canonical equivalence; the scalars must match too.
            #expect(EventWriter.line(for: back).unicodeScalars.elementsEqual(line.unicodeScalars))
        }
    }

    @Test(arguments: EventKind.allCases)
    func writtenLinesHoldNoLineBreakControlOrBidiCharacter(_ kind: EventKind) {
        var gen = AwkwardEvents(seed: 0xBADC0DE &+ UInt64(EventKind.allCases.firstIndex(of: kind)!))
        for _ in 0..<400 {
            let line = EventWriter.line(for: gen.event(kind))
            let bad = line.unicodeScalars.filter(isUnsafeOnALine)
            #expect(bad.isEmpty, "raw \(bad.map { String($0.value, radix: 16) }) in \(line.debugDescription)")
            #expect(!line.utf8.contains(10) && !line.utf8.contains(13))
        }
    }

    @Test func everyOptionalFieldCombinationOfEveryKindRoundTrips() {
        // Each kind's fields switched on and off in every combination, text kept awkward.
        var gen = AwkwardEvents(seed: 42)
        var parser = JournalParser()
        let t = Timestamp(milliseconds: 1_245_000_000_000)
        var events: [Event] = []
        let text = "He said \"no\" \\ then\tleft\n\u{202E}"
        for mask in 0..<64 {
            func on(_ bit: Int) -> Bool { mask & (1 << bit) != 0 }
            let d: Day? = on(0) ? gen.day() : nil
            let owners: [Owner] = on(1) ? [.initials("KP"), .named("Schools")] : []
            events += [
                .person(Person(initials: "KP", name: text, organisation: on(0) ? text : nil)),
                .group(slug: "g", name: text, lead: on(0) ? "KP" : nil),
                .project(ProjectRef(group: "g", number: mask + 1), headline: text),
                .meeting(MeetingFields(group: "g", date: gen.day(), present: on(1) ? ["KP", text] : [],
                                       apologies: on(2) ? [text] : [], chair: on(3) ? text : nil,
                                       minuteTaker: on(4) ? "ZN" : nil, next: on(5) ? gen.day() : nil)),
                .action(proj("g/1"), meeting: d, text: text),
                .note(proj("g/1"), meeting: d, text: text),
                .todo(proj("g/1"), meeting: d, owners: owners, text: text),
                .done(ref: gen.id(), meeting: d, outcome: on(1) ? text : nil),
                .drop(ref: gen.id(), meeting: d, reason: text),
                .reassign(ref: gen.id(), meeting: d, owners: [.named(text)]),
                .carry(ref: gen.id(), meeting: d),
                .rate(proj("g/1"), meeting: d, rating: .good, comment: on(1) ? text : nil),
                .amend(ref: gen.id(), text: text, owners: on(1) ? owners : nil),
                .retract(ref: gen.id(), reason: on(0) ? text : nil),
                .plan(on(5) ? .group("g") : .project(proj("g/1")),
                      PlanFields(lead: on(0) ? "AB" : nil, aim: on(1) ? text : nil, start: on(2) ? Day.parseISO("2009-01-05") : nil,
                                 end: on(3) ? Day.parseISO("2011-12-31") : nil, links: on(4) ? [text, "https://x.example/a"] : [],
                                 priorities: on(5) && on(4) ? [text, text] : [])),
                .decision(proj("g/1"), meeting: d, text: text),
                .aob(group: "g", meeting: d, text: text),
                .approve(group: "g", meeting: gen.day(), at: gen.day(), amendments: on(1) ? text : nil),
                .due(ref: gen.id(), meeting: d, date: gen.day()),
                .confidential(ref: gen.id()),
            ].map { Event(id: gen.id(), timestamp: t, body: $0) }
        }
        #expect(Set(events.map(\.kind)) == Set(EventKind.allCases))
        for event in events {
            let line = EventWriter.line(for: event)
            guard case .event(let back) = parser.parse(line) else {
                Issue.record("did not parse: \(line.debugDescription)")
                continue
            }
            #expect(back == event)
        }
    }

    @Test func writerPutsFieldsInTheSpecifiedOrderAndQuotesOnlyWhatNeedsIt() {
        let e = Event(id: EventID.parse("4k7q0000000a")!, timestamp: stamp("2009-06-26T10:15:03.120Z"),
                      body: .todo(proj("be-safe/2"), meeting: day("2009-06-25"), owners: [.initials("KP"), .named("Schools")],
                                  text: "ring the \"Oak\" café\tnow"))
        #expect(EventWriter.line(for: e)
            == #"2009-06-26T10:15:03.120Z 4k7q0000000a todo project=be-safe/2 meeting=2009-06-25 owner=KP owner=Schools text="ring the \"Oak\" café\tnow""#)
    }

    @Test func controlAndBidiCharactersAreWrittenAsBraceEscapes() {
        let e = Event(id: EventID(value: 1), timestamp: Timestamp(milliseconds: 0),
                      body: .note(proj("g/1"), meeting: nil, text: "a\u{1B}b\u{85}c\u{202E}d\u{7F}e\u{2028}"))
        #expect(EventWriter.line(for: e).hasSuffix(#"text="a\u{1B}b\u{85}c\u{202E}d\u{7F}e\u{2028}""#))
    }

    @Test func parserAcceptsRawTabsAndRawNonAsciiInsideQuotes() {
        var parser = JournalParser()
        let line = "2009-06-26T10:15:03.120Z 4k7q0000000a note project=g/1 text=\"a\tb \u{85} اردو \u{202E}\""
        guard case .event(let e) = parser.parse(line) else {
            Issue.record("did not parse")
            return
        }
        #expect(e.body == .note(proj("g/1"), meeting: nil, text: "a\tb \u{85} اردو \u{202E}"))
    }

    @Test func braceEscapesTakeOneToSixHexDigitsInEitherCase() {
        var parser = JournalParser()
        let line = #"2009-06-26T10:15:03.120Z 4k7q0000000a note project=g/1 text="\u{41}\u{e9}\u{1F600}\u{0000041}\u{10FFFF}""#
        // Seven digits are too many.
        guard case .failure(let d) = parser.parse(line) else {
            Issue.record("seven hex digits were accepted")
            return
        }
        #expect(d.message.contains("1 to 6 hex digits"))
        let ok = #"2009-06-26T10:15:03.120Z 4k7q0000000a note project=g/1 text="\u{41}\u{e9}\u{1F600}\u{00041}\u{10FFFF}""#
        guard case .event(let e) = parser.parse(ok) else {
            Issue.record("did not parse")
            return
        }
        #expect(e.body == .note(proj("g/1"), meeting: nil, text: "Aé😀A\u{10FFFF}"))
    }

    @Test func anAwkwardJournalLoadsBackToTheEventsItWasWrittenFrom() {
        // Whole journal: awkward text in every kind of item, replayed, texts compared.
        var gen = AwkwardEvents(seed: 7)
        var b = JournalBuilder()
        b.group("g")
        b.project("g/1", gen.text())
        b.meeting("g", "2024-02-01")
        var texts: [EventID: String] = [:]
        for _ in 0..<300 {
            let t = gen.text()
            let id: EventID
            switch gen.int(0...2) {
            case 0: id = b.note("g/1", t)
            case 1: id = b.add(.action(proj("g/1"), meeting: nil, text: t))
            default: id = b.add(.todo(proj("g/1"), meeting: nil, owners: gen.owners(1...2), text: t))
            }
            texts[id] = t
        }
        let j = b.load()
        #expect(j.diagnostics.errors.isEmpty, "\(describe(j.diagnostics))")
        for (id, t) in texts {
            #expect(j.state.item(id)?.text.unicodeScalars.elementsEqual(t.unicodeScalars) == true)
        }
        // The file itself is one line per event.
        #expect(b.text.utf8.filter { $0 == 10 }.count == b.events.count + 1)
    }
}
