import Testing
@testable import MinutesCore

/// One bad line and the diagnostic it must give, in the style of hledger's test/errors: the
/// line is written with a `‸` where the caret must point, so the expected column is read off
/// the line itself (counted in Unicode scalars) rather than counted by hand.
struct BadLine: CustomTestStringConvertible, Sendable {
    var says: String
    var line: String
    var message: String
    var testDescription: String { says }

    init(_ says: String, _ line: String, _ message: String) {
        self.says = says
        self.line = line
        self.message = message
    }

    static let marker: Unicode.Scalar = "‸"

    /// The line as it goes into the journal.
    var text: String { String(String.UnicodeScalarView(line.unicodeScalars.filter { $0 != BadLine.marker })) }

    /// 1-based column of the marker, in Unicode scalars.
    var column: Int {
        let scalars = Array(line.unicodeScalars)
        guard let i = scalars.firstIndex(of: BadLine.marker) else { fatalError("no marker in \(says)") }
        return i + 1
    }
}

/// A journal with a group `g`, project `g/1` and a meeting, then the given lines from line 5.
func journalWith(_ lines: [String]) -> String {
    journalText([
        #"2024-01-08T08:00:00.000Z 000000000001 group slug=g name="G""#,
        #"2024-01-08T08:00:01.000Z 000000000002 project group=g number=1 headline="P""#,
        #"2024-01-08T08:00:02.000Z 000000000003 meeting group=g date=2024-01-10"#,
    ] + lines)
}

let t = "2024-01-10T09:00:00.000Z 00000000000a"

let badLines: [BadLine] = [
    // The start of the line.
    BadLine("a month 13 is not a timestamp", "‸2024-13-10T09:00:00.000Z 00000000000a note project=g/1 text=x",
            "expected a timestamp like 2009-06-26T10:15:03.120Z"),
    BadLine("a local time offset is not a timestamp", "‸2024-01-10T09:00:00.000+01:00 00000000000a note project=g/1 text=x",
            "expected a timestamp"),
    BadLine("a timestamp without milliseconds is not one", "‸2024-01-10T09:00:00Z 00000000000a note project=g/1 text=x",
            "expected a timestamp"),
    BadLine("hour 24 is not a timestamp", "‸2024-01-10T24:00:00.000Z 00000000000a note project=g/1 text=x",
            "expected a timestamp"),
    BadLine("a timestamp alone needs an id", "2024-01-10T09:00:00.000Z‸", "expected an event id after the timestamp"),
    BadLine("an id with a letter outside the alphabet", "2024-01-10T09:00:00.000Z ‸00000000000u note project=g/1 text=x",
            "bad event id '00000000000u'"),
    BadLine("an upper-case id", "2024-01-10T09:00:00.000Z ‸00000000000A note project=g/1 text=x", "bad event id"),
    BadLine("an id one character short", "2024-01-10T09:00:00.000Z ‸00000000000 note project=g/1 text=x", "bad event id"),
    BadLine("an id needs a kind", "\(t)‸", "expected the kind of event after the id"),
    BadLine("an unknown kind", "\(t) ‸memo project=g/1 text=x", "unknown kind of event 'memo'"),
    BadLine("a kind in capitals is unknown", "\(t) ‸Note project=g/1 text=x", "unknown kind of event 'Note'"),
    // Fields.
    BadLine("a word without =", "\(t) note project=g/1 ‸text", "expected a field like key=value"),
    BadLine("a quoted word without a key", #"\#(t) note project=g/1 ‸"hello""#, "expected a field like key=value"),
    BadLine("an upper-case key", "\(t) note project=g/1 ‸Text=x", "expected a field like key=value"),
    BadLine("an unknown field", "\(t) note project=g/1 text=x ‸colour=red", "unknown field 'colour'"),
    BadLine("a field another kind has", "\(t) note project=g/1 text=x ‸rating=good", "note events have no field 'rating'"),
    BadLine("a field given twice", "\(t) note project=g/1 text=x ‸text=y", "field 'text' given twice"),
    BadLine("a required field missing", "\(t) note project=g/1‸", "note event needs a 'text' field"),
    BadLine("a required field missing before trailing space", "\(t) note project=g/1  ‸", "note event needs a 'text' field"),
    BadLine("a key with nothing after =", "\(t) note project=‸ text=x", "field 'project' has no value"),
    // Quoted values.
    BadLine("a quote never closed", #"\#(t) note project=g/1 text=‸"abc"#, "text has no closing quote"),
    BadLine("an escaped quote does not close", #"\#(t) note project=g/1 text=‸"abc\""#, "text has no closing quote"),
    BadLine("an unknown escape", #"\#(t) note project=g/1 text="a‸\qb""#, #"unknown escape '\q'"#),
    BadLine("an empty brace escape", #"\#(t) note project=g/1 text="a‸\u{}b""#, "needs 1 to 6 hex digits"),
    BadLine("a brace escape without its brace", #"\#(t) note project=g/1 text="a‸\u41b""#, "must be followed by {HEX}"),
    BadLine("a brace escape never closed", #"\#(t) note project=g/1 text="a‸\u{41 b""#, "needs 1 to 6 hex digits and a closing brace"),
    BadLine("a surrogate is not a scalar", #"\#(t) note project=g/1 text="a‸\u{D800}b""#, #"\u{D800} is not a Unicode scalar"#),
    BadLine("past U+10FFFF is not a scalar", #"\#(t) note project=g/1 text="a‸\u{110000}b""#, #"\u{110000} is not a Unicode scalar"#),
    BadLine("a backslash at the end", #"\#(t) note project=g/1 text="ab‸\"#, "backslash at the end of the text"),
    BadLine("a raw escape character in quotes", "\(t) note project=g/1 text=\"a‸\u{1B}[31m\"", "control character in text"),
    BadLine("a raw NUL in quotes", "\(t) note project=g/1 text=\"a‸\u{0}\"", "control character in text"),
    BadLine("a raw carriage return in quotes", "\(t) note project=g/1 text=\"a‸\rb\"", "control character in text"),
    BadLine("a raw DEL in quotes", "\(t) note project=g/1 text=\"a‸\u{7F}\"", "control character in text"),
    BadLine("a quote inside a bare value", #"\#(t) note project=g/1 text=ab‸"c""#, "quote or backslash inside an unquoted value"),
    BadLine("a backslash inside a bare value", #"\#(t) note project=g/1 text=ab‸\n"#, "quote or backslash inside an unquoted value"),
    BadLine("a control character in a bare value", "\(t) note project=g/1 text=ab‸\u{1B}", "control character in value"),
    BadLine("something right after the closing quote", #"\#(t) note project=g/1 text="ab"‸x"#,
            "expected a space after the closing quote"),
    // Values.
    BadLine("empty text", #"\#(t) note project=g/1 text=‸"""#, "text is empty"),
    BadLine("text of spaces only", #"\#(t) note project=g/1 text=‸"  \t ""#, "text is empty"),
    BadLine("an empty reason", #"\#(t) drop ref=000000000003 reason=‸"""#, "reason is empty"),
    BadLine("an empty owner", #"\#(t) todo project=g/1 owner=‸"" text=x"#, "owner is empty"),
    BadLine("30 February", "\(t) note project=g/1 meeting=‸2009-02-30 text=x", "'2009-02-30' is not a date"),
    BadLine("a date with a time", "\(t) note project=g/1 meeting=‸2009-02-03T10:00 text=x", "is not a date"),
    BadLine("a date without leading zeros", "\(t) meeting group=g date=‸2009-2-3", "'2009-2-3' is not a date"),
    BadLine("a project ref with capitals", "\(t) note project=‸G/1 text=x", "'G/1' is not a project reference"),
    BadLine("a project ref without a number", "\(t) note project=‸g text=x", "'g' is not a project reference"),
    BadLine("project number 0", "\(t) note project=‸g/0 text=x", "'g/0' is not a project reference"),
    BadLine("a signed project number", "\(t) project group=g number=‸+2 headline=x", "'+2' is not a project number"),
    BadLine("a signed number in a project ref", "\(t) note project=‸g/+1 text=x", "'g/+1' is not a project reference"),
    BadLine("project number 10000", "\(t) project group=g number=‸10000 headline=x", "'10000' is not a project number"),
    BadLine("a rating not on the scale", "\(t) rate project=g/1 rating=‸great", "'great' is not a rating"),
    BadLine("one letter is not initials", "\(t) person initials=‸K name=Kieran", "'K' is not initials"),
    BadLine("five letters are not initials", "\(t) person initials=‸ABCDE name=x", "'ABCDE' is not initials"),
    BadLine("lower-case initials in the journal", "\(t) person initials=‸kp name=x", "'kp' is not initials"),
    BadLine("a group lead must be initials", "\(t) group slug=h name=H lead=‸Kieran", "'Kieran' is not initials"),
    BadLine("a slug with capitals", "\(t) group slug=‸Stay-Safe name=x", "'Stay-Safe' is not a group slug"),
    BadLine("a slug starting with a digit", "\(t) group slug=‸1st name=x", "'1st' is not a group slug"),
    BadLine("a ref that is not an id", "\(t) done ref=‸abc", "'abc' is not an event id"),
    BadLine("a reassign without owners", "\(t) reassign ref=000000000003‸", "reassign needs at least one 'owner' field"),
    BadLine("a plan for a group and a project", "\(t) plan group=g project=g/1 aim=x‸",
            "plan needs exactly one of 'group' or 'project'"),
    BadLine("a plan for nothing", "\(t) plan aim=x‸", "plan needs exactly one of 'group' or 'project'"),
    BadLine("priorities in a project plan", "\(t) plan project=g/1 priority=‸x", "priorities belong to a group's plan"),
    BadLine("a group's plan field in a project plan", "\(t) plan project=g/1 title=‸x", "title does not belong to a project's plan"),
    BadLine("an activity's field in a group plan", "\(t) plan group=g timing=‸Ongoing", "timing does not belong to a group's plan"),
    BadLine("a plan month that is not a month", "\(t) plan group=g start=‸2024-13", "'2024-13' is not a date or a month"),
    BadLine("a plan that ends before it starts", "\(t) plan group=g start=2024-05 end=‸2024-04",
            "the plan ends (Apr 2024) before it starts (May 2024)"),
    BadLine("clearing a field plans do not have", "\(t) plan group=g clear=‸colour", "'colour' is not a plan field"),
]

@Suite struct MalformedLineTests {
    @Test(arguments: badLines)
    func aBadLineGivesItsLineColumnAndMessage(_ bad: BadLine) {
        let j = JournalLoader.load(text: journalWith([bad.text]))
        let errors = j.diagnostics.errors
        #expect(errors.count == 1, "\(describe(j.diagnostics))")
        guard let e = errors.first else { return }
        #expect(e.headline(file: "j").hasPrefix("j:5:\(bad.column): error: "), "\(describe(errors))")
        #expect(e.message.contains(bad.message), "\(e.message)")
    }

    @Test(arguments: badLines)
    func aBadLineWithCRLFGivesTheSameColumn(_ bad: BadLine) {
        let text = journalWith([bad.text]).replacingOccurrences(of: "\n", with: "\r\n")
        let errors = JournalLoader.load(text: text).diagnostics.errors
        #expect(errors.map(\.line) == [5])
        #expect(errors.map(\.column) == [bad.column])
    }

    @Test func aBadLineIsLeftOutAndTheRestReplayed() {
        let text = journalWith([
            "2024-01-10T09:00:00.000Z 00000000000a note project=g/1 text=before",
            "2024-01-10T09:00:01.000Z 00000000000b note project=g/1 text=\"broken",
            "2024-01-10T09:00:02.000Z 00000000000c note project=g/1 text=after",
        ])
        let j = JournalLoader.load(text: text)
        #expect(j.diagnostics.map(\.line) == [6])
        #expect(j.state.notes(of: proj("g/1")).map(\.text) == ["before", "after"])
    }

    @Test func columnsCountUnicodeScalarsNotBytesOrCharacters() {
        // 日, 本 and é are 3, 3 and 2 bytes but one scalar each; a decomposed é is two scalars.
        let precomposed = "2024-01-10T09:00:00.000Z 00000000000a note project=g/1 meeting=2024-01-10 text=\"日本é\" bad=1"
        let decomposed = "2024-01-10T09:00:00.000Z 00000000000a note project=g/1 meeting=2024-01-10 text=\"日本e\u{301}\" bad=1"
        let d1 = JournalLoader.load(text: journalWith([precomposed])).diagnostics
        let d2 = JournalLoader.load(text: journalWith([decomposed])).diagnostics
        #expect(d1.map(\.column) == [86])
        #expect(d2.map(\.column) == [87])
        #expect(d1.first?.message == "unknown field 'bad'")
    }

    @Test func invalidUTF8IsReportedAtTheColumnOfTheBadByte() {
        let before = "2024-01-10T09:00:00.000Z 00000000000a note project=g/1 text=\"日本 "
        for bad: [UInt8] in [[0xFF], [0xC0, 0x80], [0xE6, 0x97], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]] {
            let line = Array(before.utf8) + bad + Array("x\"\n".utf8)
            let bytes = Array(journalWith([]).utf8) + line
            let d = JournalLoader.load(bytes: bytes).diagnostics
            #expect(d.count == 1)
            #expect(d.first?.line == 5)
            #expect(d.first?.column == before.unicodeScalars.count + 1, "\(bad)")
            #expect(d.first?.message == "invalid UTF-8")
        }
    }

    @Test func invalidUTF8InACommentIsStillAnError() {
        let bytes = Array(journalWith([]).utf8) + Array("# caf".utf8) + [0xE9] + [10]
        let d = JournalLoader.load(bytes: bytes).diagnostics
        #expect(d.map(\.line) == [5])
        #expect(d.map(\.column) == [6])
    }

    @Test func aJournalWithoutTheHeaderLineIsAnErrorButItsEventsAreRead() {
        let text = [
            #"2024-01-08T08:00:00.000Z 000000000001 group slug=g name="G""#,
            #"2024-01-08T08:00:01.000Z 000000000002 project group=g number=1 headline="P""#,
        ].map { $0 + "\n" }.joined()
        let j = JournalLoader.load(text: text)
        #expect(j.diagnostics.errors.count == 1)
        #expect(j.diagnostics.first?.headline(file: "j") == "j:1:1: error: not a minutes journal: the first line must be 'minutes-journal 2'")
        #expect(j.state.projects[proj("g/1")] != nil)
    }

    @Test func aFirstLineThatIsNeitherHeaderNorEventIsAnError() {
        for first in ["# minutes-journal 1", "", "minutes-journal", "MINUTES-JOURNAL 1"] {
            let j = JournalLoader.load(text: first + "\n" + journalWith([]).drop { $0 != "\n" }.dropFirst())
            #expect(j.diagnostics.map(\.line) == [1], "\(first.debugDescription)")
            #expect(j.diagnostics.first?.message.contains("not a minutes journal") == true)
            #expect(j.state.projects[proj("g/1")] != nil)
        }
    }

    @Test func aFutureFormatVersionIsAnErrorAtTheVersion() {
        let j = JournalLoader.load(text: "minutes-journal 3\n")
        #expect(j.diagnostics.count == 1)
        #expect(j.diagnostics.first?.headline(file: "j") == "j:1:17: error: journal format version '3' is not one this program reads")
    }

    @Test func bothFormatVersionsThisProgramKnowsAreRead() {
        for version in 1...2 {
            let j = JournalLoader.load(text: "minutes-journal \(version)\n")
            #expect(j.diagnostics.isEmpty, "version \(version)")
            #expect(j.formatVersion == version)
        }
    }

    @Test func anEmptyFileIsAnError() {
        let j = JournalLoader.load(bytes: [])
        #expect(j.diagnostics.count == 1)
        #expect(j.diagnostics.first?.headline(file: "j") == "j:1:1: error: empty file: not a minutes journal")
    }

    @Test func aHeaderAloneIsAnEmptyJournal() {
        for text in ["minutes-journal 1\n", "minutes-journal 1\r\n", "minutes-journal 1  \n"] {
            let j = JournalLoader.load(text: text)
            #expect(j.diagnostics.isEmpty, "\(text.debugDescription)")
            #expect(j.state.eventCount == 0)
        }
    }

    @Test func everyProblemInAFileIsReportedInOnePassSortedByLine() {
        let text = journalWith([
            "2024-01-10T09:00:00.000Z 00000000000a note project=g/1 text=fine",
            "2024-01-10T09:00:01.000Z 00000000000b note project=g/9 text=\"unknown project\"",  // 6: replay
            "2024-01-10T09:00:02.000Z 00000000000c memo project=g/1 text=x",                    // 7: syntax
            "2024-01-10T09:00:03.000Z 00000000000d note project=g/1 text=fine",
            "2024-01-10T09:00:04.000Z 00000000000e note project=g/1 text=\"unterminated",       // 9: syntax
            "2024-01-10T09:00:05.000Z 00000000000f done ref=00000000000a",                      // 10: replay
            "2024-01-09T09:00:06.000Z 00000000000g note project=g/1 text=x colour=red",         // 11: syntax
        ])
        let j = JournalLoader.load(text: text)
        #expect(j.diagnostics.count == 5, "\(describe(j.diagnostics))")
        #expect(j.diagnostics.map(\.line) == [6, 7, 9, 10, 11])
        #expect(j.diagnostics.allSatisfy { $0.isError })
        #expect(j.state.notes(of: proj("g/1")).map(\.text) == ["fine", "fine"])
    }

    @Test func aDiagnosticRendersTheLineWithACaretUnderTheColumn() {
        let bad = BadLine("", "\(t) note project=g/1 text=\"日本\" ‸colour=red", "")
        let j = JournalLoader.load(text: journalWith([bad.text]))
        let d = j.diagnostics[0]
        let rendered = d.rendered(file: "j", sourceLine: bad.text)
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "j:5:\(bad.column): error: unknown field 'colour'")
        #expect(lines[1] == "    " + bad.text)
        #expect(lines[2] == "    " + String(repeating: " ", count: bad.column - 1) + "^")
    }
}
