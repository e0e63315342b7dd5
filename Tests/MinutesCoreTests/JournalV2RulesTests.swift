import Foundation
import Testing
@testable import MinutesCore

/// The rules of journal format 2 (docs/journal-format.md, sections 6.4, 7, 8 and 13): the
/// meeting decides what belongs to it, ids are identity and numbers are labels, merges warn
/// instead of silently overriding, and clocks cannot drag entries into the future.
@Suite struct JournalV2RulesTests {
    // MARK: - The meeting decides

    /// A group set up today (its project and an agreed action), then meetings of 2009.
    static func setUpTodayWithOldMeetings() -> (JournalBuilder, action: EventID, note: EventID, todo: EventID) {
        var b = JournalBuilder(start: "2026-12-01T09:00:00.000Z")
        b.group("g")
        b.project("g/1")
        let action = b.add(.action(proj("g/1"), meeting: nil, text: "Keep the directory up to date"))
        b.add(.meeting(MeetingFields(group: "g", date: day("2009-05-15"))))
        let note = b.note("g/1", "Template agreed", meeting: "2009-05-15")
        let todo = b.todo("g/1", ["KP"], "send the template", meeting: "2009-05-15")
        b.add(.meeting(MeetingFields(group: "g", date: day("2009-06-26"))))
        b.add(.meeting(MeetingFields(group: "g", date: day("2009-09-17"))))
        return (b, action, note, todo)
    }

    @Test func setUpContentRecordedBeforeTheFirstMeetingBelongsToEveryMeeting() {
        let (b, action, _, _) = Self.setUpTodayWithOldMeetings()
        for asOf in ["2009-05-15", "2009-06-26", "2009-09-17"] {
            let s = b.load(asOf: day(asOf)).state
            #expect(s.actions(of: proj("g/1")).map(\.id) == [action], "as of \(asOf)")
        }
    }

    @Test func aBackFilledHistoryRaisesNoWarning() {
        let (b, _, _, _) = Self.setUpTodayWithOldMeetings()
        #expect(b.load().diagnostics.filter { !$0.message.contains("unknown initials") }.isEmpty,
                "\(describe(b.load().diagnostics))")
    }

    @Test func aCorrectionMadeLaterAppliesToTheMinutesOfEarlierMeetings() {
        var (b, _, note, todo) = Self.setUpTodayWithOldMeetings()
        b.add(.amend(ref: note, text: "Template agreed by every partner", owners: nil))
        b.retract(todo)
        let may = b.load(asOf: day("2009-05-15")).state
        #expect(may.notes(of: proj("g/1")).map(\.text) == ["Template agreed by every partner"])
        #expect(may.followUps(of: proj("g/1")).isEmpty)
    }

    @Test func aDecisionBelongsToTheMeetingThatTookIt() {
        var (b, _, _, todo) = Self.setUpTodayWithOldMeetings()
        b.done(todo, meeting: "2009-09-17", outcome: "Sent")
        let june = b.load(asOf: day("2009-06-26")).state
        #expect(june.item(todo)?.state.isOpen == true)
        #expect(june.carriedCount(june.item(todo)!) == 1)
        let september = b.load(asOf: day("2009-09-17")).state
        #expect(september.item(todo)?.state.word == "done")
        #expect(september.carriedCount(september.item(todo)!) == 2)
    }

    @Test func aProjectAddedAtALaterMeetingIsNotListedInEarlierMinutesUnlessItHoldsThem() {
        var (b, _, _, _) = Self.setUpTodayWithOldMeetings()
        b.project("g/2", "Added in the autumn")
        b.project("g/3", "Added to type up May")
        b.note("g/3", "A May note typed up late", meeting: "2009-05-15")
        let may = b.load(asOf: day("2009-05-15")).state
        #expect(may.projects(in: "g").map(\.ref.number) == [1, 3])
        #expect(b.load().state.projects(in: "g").map(\.ref.number) == [1, 2, 3])
    }

    @Test func aNoteDatedToAMeetingThatComesLaterInReplayIsNotReported() {
        var b = JournalBuilder()
        b.group("g")
        b.project("g/1")
        b.note("g/1", "Typed before its meeting was opened", meeting: "2009-05-15")
        b.note("g/1", "Dated to a meeting that never was", meeting: "2009-05-16")
        b.add(.meeting(MeetingFields(group: "g", date: day("2009-05-15"))))
        let warnings = b.load().diagnostics
        #expect(warnings.map(\.message) == ["no meeting of g on 2009-05-16"])
        #expect(warnings.first?.line == 5)
    }

    // MARK: - Ids are identity, numbers are labels

    /// Two copies of a journal, each adding a project 2 with a note, merged.
    static func twoCopiesEachAddingProjectTwo() -> (lines: [String], mine: EventID, theirs: EventID) {
        var base = JournalBuilder(seed: 1)
        base.group("g")
        let one = base.project("g/1")
        base.add(.meeting(MeetingFields(group: "g", date: day("2024-01-10"))))
        var a = base, b = base
        a.reseed(2)
        b.reseed(3)
        let mine = a.project("g/2", "Mine")
        a.add(.note(ProjectRef(group: "g", number: 2, id: mine), meeting: day("2024-01-10"), text: "my note"))
        let theirs = b.project("g/2", "Theirs")
        b.add(.note(ProjectRef(group: "g", number: 2, id: theirs), meeting: day("2024-01-10"), text: "their note"))
        _ = one
        let lines = Array(Set(a.lines + b.lines))
        return (lines, mine, theirs)
    }

    @Test func twoProjectsAddedApartBothSurviveWithTheirOwnEntriesNumberedTheSameWhateverTheOrder() {
        let (lines, mine, theirs) = Self.twoCopiesEachAddingProjectTwo()
        var rng = SeededGenerator(seed: 7)
        var dumps: Set<String> = []
        for _ in 0..<6 {
            let j = JournalLoader.load(text: journalText(lines.shuffled(using: &rng)))
            #expect(!j.hasErrors, "\(describe(j.diagnostics))")
            let projects = j.state.projects(in: "g")
            #expect(projects.map(\.ref.number) == [1, 2, 3])
            for (id, text) in [(mine, "my note"), (theirs, "their note")] {
                let p = projects.first { $0.id == id }!
                #expect(j.state.notes(of: p.ref).map(\.text) == [text])
            }
            #expect(j.diagnostics.filter { $0.message.contains("this project is shown as g/3") }.count == 1)
            dumps.insert(canonicalDump(j.state))
        }
        #expect(dumps.count == 1)
    }

    @Test func theEarlierProjectInReplayOrderKeepsTheNumber() {
        let (lines, mine, theirs) = Self.twoCopiesEachAddingProjectTwo()
        let state = JournalLoader.load(text: journalText(lines)).state
        // Both were stamped at the same moment, so the smaller id replays first and keeps 2.
        #expect(state.projects[proj("g/2")]?.id == min(mine, theirs))
        #expect(state.projects[proj("g/3")]?.id == max(mine, theirs))
    }

    @Test func aProjectIdOfAnotherGroupIsAnErrorAtTheField() {
        var b = JournalBuilder()
        b.group("g")
        b.group("h")
        let p = b.project("g/1")
        b.add(.note(ProjectRef(group: "h", number: 1, id: p), meeting: nil, text: "wrong group"))
        let errors = b.load().diagnostics.errors
        #expect(errors.map(\.message) == ["no project of h has the id \(p) (h/1 when written)"])
        #expect(errors.first?.column == b.lines[3].distance(from: b.lines[3].startIndex,
                                                            to: b.lines[3].range(of: "project=")!.upperBound) + 1)
    }

    // MARK: - Merges warn instead of silently overriding

    @Test func oneInitialsDefinedWithTwoNamesIsAWarningNamingBothLines() {
        var b = JournalBuilder()
        b.person("KP", "Kim Parker")
        b.person("KP", "Kieran Patel")
        b.person("KP", "Kieran Patel")
        let warnings = b.load().diagnostics
        #expect(warnings.count == 1)
        #expect(warnings.first?.line == 3)
        #expect(warnings.first?.message == "KP is defined again with another name: \"Kieran Patel\" here, \"Kim Parker\" on line 2")
    }

    @Test func twoAmendmentsMadeApartAreAWarningNamingBothLinesAndTheLaterStands() {
        var b = JournalBuilder()
        b.group("g")
        b.project("g/1")
        let note = b.note("g/1", "A stray nte")
        var mine = b, theirs = b
        mine.reseed(2)
        theirs.reseed(3)
        mine.add(.amend(ref: note, text: "A stray note", owners: nil, base: note))
        theirs.add(.amend(ref: note, text: "A stray note, fixed", owners: nil, base: note))
        let j = JournalLoader.load(text: journalText(Array(Set(mine.lines + theirs.lines)).sorted()))
        let warning = j.diagnostics.first { $0.message.contains("amended apart") }
        #expect(warning?.message == "\(note) was amended apart on line 5 and here; this text stands")
        #expect(j.state.item(note)?.text == "A stray note, fixed")
    }

    @Test func amendmentsInTurnAreNoConflict() {
        var b = JournalBuilder()
        b.group("g")
        b.project("g/1")
        let note = b.note("g/1", "A stray nte")
        let first = b.add(.amend(ref: note, text: "A stray note", owners: nil, base: note))
        b.add(.amend(ref: note, text: "A stray note, fixed", owners: nil, base: first))
        #expect(b.load().diagnostics.isEmpty)
    }

    @Test func someoneBothPresentAndApologisingIsAWarningNamingTheOtherLine() {
        var b = JournalBuilder()
        b.person("ZN", "Zoë Ní Bhriain")
        b.group("g")
        b.add(.meeting(MeetingFields(group: "g", date: day("2024-01-10"), apologies: ["ZN"])))
        b.add(.meeting(MeetingFields(group: "g", date: day("2024-01-10"), present: ["ZN"])))
        let warnings = b.load().diagnostics
        #expect(warnings.map(\.line) == [5])
        #expect(warnings.first?.message == "ZN is both present and sending apologies at the meeting of g on 2024-01-10 (on line 4)")
    }

    // MARK: - Clocks

    @Test func aLineStampedInTheFutureIsAWarningAtItsFirstColumn() {
        var b = JournalBuilder(start: "2099-01-01T00:00:00.000Z")
        b.group("g")
        let d = b.load().diagnostics
        #expect(d.map { $0.headline(file: "j") } == ["j:2:1: warning: this line is dated 2099-01-01T00:00:00.000Z, in the future"])
    }

    @Test func newEventsAreNeverStampedFarAheadOfTheClockWhateverTheJournalHolds() {
        let now = stamp("2026-12-07T10:00:00.000Z")
        var factory = EventFactory(after: stamp("2099-01-01T00:00:00.000Z"), clock: { now })
        let a = factory.make(.group(slug: "g", name: "G", lead: nil))
        let b = factory.make(.group(slug: "h", name: "H", lead: nil))
        #expect(a.timestamp == now)
        #expect(b.timestamp.milliseconds == now.milliseconds + 1)
    }

    @Test func aNewEventComesAfterWhatItRefersToEvenWhenTheClockIsBehind() {
        let now = stamp("2020-01-01T00:00:00.000Z")
        var factory = EventFactory(after: stamp("2024-01-10T09:00:00.000Z"), clock: { now })
        let floor = stamp("2024-01-08T09:00:00.000Z")
        let e = factory.make(.note(proj("g/1"), meeting: nil, text: "x"), notBefore: floor)
        #expect(e.timestamp.milliseconds == floor.milliseconds + 1)
    }

    // MARK: - One place per kind

    @Test func theWriterWritesEveryKindsFieldsInTheSpecsOrder() {
        let id = EventID(value: 42)
        let full = ProjectRef(group: "g", number: 1, id: id)
        let bodies: [EventBody] = [
            .person(Person(initials: "KP", name: "Kim", organisation: "Police")),
            .group(slug: "g", name: "G", lead: "KP"),
            .project(proj("g/1"), headline: "H"),
            .meeting(MeetingFields(group: "g", date: day("2024-01-10"), present: ["KP"], apologies: ["DD"],
                                   chair: "KP", minuteTaker: "DD", next: day("2024-02-10"), inAttendance: ["Jo"])),
            .action(full, meeting: day("2024-01-10"), text: "a"),
            .note(full, meeting: day("2024-01-10"), text: "n"),
            .todo(full, meeting: day("2024-01-10"), owners: [.initials("KP")], text: "t"),
            .done(ref: id, meeting: day("2024-01-10"), outcome: "o"),
            .drop(ref: id, meeting: day("2024-01-10"), reason: "r"),
            .reassign(ref: id, meeting: day("2024-01-10"), owners: [.initials("KP")]),
            .carry(ref: id, meeting: day("2024-01-10")),
            .rate(full, meeting: day("2024-01-10"), rating: .good, comment: "c"),
            .amend(ref: id, text: "t", owners: [.initials("KP")], base: id),
            .retract(ref: id, reason: "r"),
            .plan(.project(full), PlanFields(lead: "KP", aim: "a", start: day("2024-01-01"), end: day("2024-12-31"),
                                             links: ["l"], meeting: day("2024-01-10"))),
            .plan(.group("g"), PlanFields(priorities: ["p"])),
            .decision(full, meeting: day("2024-01-10"), text: "d"),
            .aob(group: "g", meeting: day("2024-01-10"), text: "a"),
            .approve(group: "g", meeting: day("2024-01-10"), at: day("2024-02-10"), amendments: "x"),
            .due(ref: id, meeting: day("2024-01-10"), date: day("2024-01-31")),
            .confidential(ref: id),
        ]
        #expect(Set(bodies.map(\.kind)) == Set(EventKind.allCases))
        for body in bodies {
            let line = EventWriter.line(for: Event(id: id, timestamp: stamp("2024-01-10T09:00:00.000Z"), body: body), source: "s")
            let written = FormatDocTests.keys(of: line)
            let order = body.kind.spec.writtenOrder.map(\.name).filter(written.contains)
            #expect(Array(NSOrderedSet(array: written)) as? [String] == order, "\(body.kind): \(line)")
        }
    }
}

/// The problems format 2 added, each where a reader of the journal needs it: its line, the
/// column of the field at fault (where the caret goes), the right hint.
@Suite struct JournalV2DiagnosticCatalogueTests {
    static let journal = """
        minutes-journal 2
        2009-01-05T10:00:00.000Z hat3nbh79eda person initials=KP name="Kim Parker"
        2009-01-05T10:00:01.000Z 30zz4ev6mawe person initials=KP name="Kieran Patel"
        2009-01-05T10:01:00.000Z 420evesm7snk group slug=be-safe name="Be Safe"
        2009-01-05T10:01:02.000Z jdm1jbmz4t0w project group=be-safe number=1 headline="Training"
        2009-01-05T10:01:03.000Z jspjswry1f5a project group=be-safe number=1 headline="Directory"
        2009-01-15T09:00:00.000Z 6azyff0zbh1k meeting group=be-safe date=2009-01-15 present=KP apology=KP
        2009-01-15T09:10:00.000Z 9mxqxstwk70b note project=be-safe/1@jspjswry1f5a meeting=2009-01-15 text="A nte"
        2009-01-16T09:10:00.000Z pvx8xnbm489k amend ref=9mxqxstwk70b base=9mxqxstwk70b text="A note"
        2009-01-16T09:10:01.000Z vyxxvfavdbke amend ref=9mxqxstwk70b base=9mxqxstwk70b text="A note!"
        2009-01-16T09:10:02.000Z pthnb5rsjkq8 note project=be-safe/2@zzzzzzzzzzzz meeting=2009-01-16 text="?"
        2009-01-16T09:10:03.000Z 2dcct8vcg8qh note project=be-safe/1 meeting=2009-02-30 text="?"
        2099-01-01T00:00:00.000Z kf541st6f8kr note project=be-safe/1 meeting=2009-01-15 text="Far"

        """

    struct Expected: CustomTestStringConvertible, Sendable {
        let what: String
        let headline: String
        let hintStart: String
        var testDescription: String { what }
    }

    static let expected: [Expected] = [
        Expected(what: "one initials, two names", headline: #"j:3:63: warning: KP is defined again with another name: "Kieran Patel" here, "Kim Parker" on line 2"#,
                 hintStart: "if these are two people"),
        Expected(what: "a project number taken", headline: #"j:6:68: warning: be-safe/1 is also the number of line 5 ("Training"); this project is shown as be-safe/2"#,
                 hintStart: "two copies each added a project"),
        Expected(what: "present and apologising", headline: "j:7:85: warning: KP is both present and sending apologies at the meeting of be-safe on 2009-01-15 (on this line)",
                 hintStart: "keep one"),
        Expected(what: "amended apart", headline: "j:10:67: warning: 9mxqxstwk70b was amended apart on line 9 and here; this text stands",
                 hintStart: "both amendments stay in the journal"),
        Expected(what: "a project id that names no project", headline: "j:11:52: error: no project of be-safe has the id zzzzzzzzzzzz (be-safe/2 when written)",
                 hintStart: "its project line is missing"),
        Expected(what: "a line in the future", headline: "j:13:1: warning: this line is dated 2099-01-01T00:00:00.000Z, in the future",
                 hintStart: "a hand edit or a wrong clock"),
    ]

    @Test(arguments: expected)
    func eachProblemIsReportedAtItsFieldWithItsHint(_ e: Expected) throws {
        let loaded = JournalLoader.load(text: Self.journal)
        let d = try #require(loaded.diagnostics.first { $0.headline(file: "j") == e.headline },
                             "\(loaded.diagnostics.map { $0.headline(file: "j") })")
        #expect(d.hint?.hasPrefix(e.hintStart) == true, "\(d.hint ?? "no hint")")
    }

    @Test func nothingElseIsReported() {
        let loaded = JournalLoader.load(text: Self.journal)
        // The bad date is a line error of its own; the rest are the catalogue above.
        #expect(loaded.diagnostics.count == Self.expected.count + 1, "\(loaded.diagnostics.map { $0.headline(file: "j") })")
        #expect(loaded.diagnostics.errors.count == 2)
    }
}
