import Testing
@testable import MinutesCore

/// Lines that parse but cannot be applied: replay reports them at the field they are about.
@Suite struct SemanticErrorTests {
    /// Ids in the journal below: 1 group g, 2 project g/1, 3 meeting, 4 note, 5 action,
    /// 6 follow-up, 7 person KP, 8 retracted follow-up, 9 its retraction, a a group plan.
    static func journal(_ bad: String) -> String {
        journalText([
            #"2024-01-08T08:00:00.000Z 000000000001 group slug=g name="G""#,
            #"2024-01-08T08:00:01.000Z 000000000002 project group=g number=1 headline="P""#,
            #"2024-01-10T09:00:00.000Z 000000000003 meeting group=g date=2024-01-10"#,
            #"2024-01-10T09:00:01.000Z 000000000004 note project=g/1 text="a note""#,
            #"2024-01-10T09:00:02.000Z 000000000005 action project=g/1 text="an action""#,
            #"2024-01-10T09:00:03.000Z 000000000006 todo project=g/1 owner=Schools text="a follow-up""#,
            #"2024-01-10T09:00:04.000Z 000000000007 person initials=KP name="Kieran Patel""#,
            #"2024-01-10T09:00:05.000Z 000000000008 todo project=g/1 owner=Schools text="typed twice""#,
            #"2024-01-10T09:00:06.000Z 000000000009 retract ref=000000000008"#,
            #"2024-01-10T09:00:07.000Z 00000000000a plan group=g aim="Safety""#,
            bad,
        ])
    }

    static let t = "2024-01-11T09:00:00.000Z 0000000000zz"

    static let cases: [BadLine] = [
        BadLine("a meeting of an unknown group", "\(t) meeting group=‸nope date=2024-01-11", "unknown group 'nope'"),
        BadLine("a project in an unknown group", "\(t) project group=‸nope number=1 headline=x", "unknown group 'nope'"),
        BadLine("a note in an unknown group", "\(t) note project=‸nope/1 text=x", "unknown group 'nope'"),
        BadLine("a plan of an unknown group", "\(t) plan group=‸nope aim=x", "unknown group 'nope'"),
        BadLine("a note for an unknown project", "\(t) note project=‸g/2 text=x", "unknown project g/2"),
        BadLine("a follow-up for an unknown project", "\(t) todo project=‸g/2 owner=KP text=x", "unknown project g/2"),
        BadLine("a rating for an unknown project", "\(t) rate project=‸g/2 rating=good", "unknown project g/2"),
        BadLine("a plan of an unknown project", "\(t) plan project=‸g/2 aim=x", "unknown project g/2"),
        BadLine("done for an unknown id", "\(t) done ref=‸0000000000yy", "no follow-up with id 0000000000yy"),
        BadLine("drop for an unknown id", "\(t) drop ref=‸0000000000yy reason=x", "no follow-up with id 0000000000yy"),
        BadLine("carry for an unknown id", "\(t) carry ref=‸0000000000yy", "no follow-up with id 0000000000yy"),
        BadLine("amend of an unknown id", "\(t) amend ref=‸0000000000yy text=x", "no event with id 0000000000yy"),
        BadLine("retract of an unknown id", "\(t) retract ref=‸0000000000yy", "no event with id 0000000000yy"),
        BadLine("done on a note", "\(t) done ref=‸000000000004", "000000000004 is a progress note, not a follow-up"),
        BadLine("drop of an action", "\(t) drop ref=‸000000000005 reason=x", "000000000005 is an action, not a follow-up"),
        BadLine("reassign of a note", "\(t) reassign ref=‸000000000004 owner=KP", "is a progress note, not a follow-up"),
        BadLine("done on a meeting", "\(t) done ref=‸000000000003", "no follow-up with id 000000000003"),
        BadLine("done on a retracted follow-up", "\(t) done ref=‸000000000008", "follow-up 000000000008 was retracted"),
        BadLine("retract of a group", "\(t) retract ref=‸000000000001", "a group cannot be retracted"),
        BadLine("retract of a project", "\(t) retract ref=‸000000000002", "a project cannot be retracted"),
        BadLine("retract of a person", "\(t) retract ref=‸000000000007", "a person cannot be retracted"),
        BadLine("retract of a retraction", "\(t) retract ref=‸000000000009", "a retraction cannot be retracted"),
        BadLine("retract of a group plan", "\(t) retract ref=‸00000000000a", "a group plan change cannot be retracted"),
        BadLine("amend with owners on an action", "\(t) amend ref=000000000005 owner=‸KP text=x", "only follow-ups have owners"),
        BadLine("amend with owners on a project", "\(t) amend ref=000000000002 owner=‸KP text=x", "a project headline has no owners"),
        BadLine("amend of a retracted follow-up", "\(t) amend ref=‸000000000008 text=x", "000000000008 was retracted and cannot be amended"),
        BadLine("amend of a meeting", "\(t) amend ref=‸000000000003 text=x", "000000000003 cannot be amended"),
        BadLine("an activity's plan for an unknown action", "\(t) plan ref=‸0000000000yy timing=Ongoing", "no action with id 0000000000yy"),
        BadLine("an activity's plan on a note", "\(t) plan ref=‸000000000004 timing=Ongoing",
                "000000000004 is a progress note, not an action"),
        BadLine("a decision for an unknown project", "\(t) decision project=‸g/2 text=x", "unknown project g/2"),
        BadLine("any other business of an unknown group", "\(t) aob group=‸nope text=x", "unknown group 'nope'"),
        BadLine("an approval of an unknown group", "\(t) approve group=‸nope date=2024-01-10 meeting=2024-01-11", "unknown group 'nope'"),
        BadLine("minutes approved at their own meeting", "\(t) approve group=g date=2024-01-10 meeting=‸2024-01-10",
                "the minutes of 2024-01-10 cannot be approved at the same meeting"),
        BadLine("minutes approved at an earlier meeting", "\(t) approve group=g date=2024-01-10 meeting=‸2024-01-09",
                "cannot be approved at the earlier meeting of 2024-01-09"),
        BadLine("a due date before the meeting", "\(t) due ref=000000000006 date=‸2024-01-09",
                "due 2024-01-09 is before the meeting of 2024-01-10"),
        BadLine("a due date on a note", "\(t) due ref=‸000000000004 date=2024-02-01", "000000000004 is a progress note, not a follow-up"),
        BadLine("a due date on an unknown id", "\(t) due ref=‸0000000000yy date=2024-02-01", "no follow-up with id 0000000000yy"),
        BadLine("confidential mark of an unknown id", "\(t) withhold ref=‸0000000000yy", "no action, note, follow-up or decision with id 0000000000yy"),
        BadLine("confidential mark of a retracted item", "\(t) withhold ref=‸000000000008", "no action, note, follow-up or decision with id 000000000008"),
        BadLine("an id used by an earlier event", "2024-01-11T09:00:00.000Z ‸000000000004 note project=g/1 text=x",
                "event id 000000000004 is also used by line 5 with different content"),
    ]

    @Test(arguments: cases)
    func aLineThatCannotBeAppliedIsAnErrorAtItsField(_ bad: BadLine) {
        let j = JournalLoader.load(text: Self.journal(bad.text))
        let errors = j.diagnostics.errors
        #expect(errors.count == 1, "\(describe(j.diagnostics))")
        guard let e = errors.first else { return }
        #expect(e.line == 12)
        #expect(e.column == bad.column, "\(describe(errors))")
        #expect(e.message.contains(bad.message), "\(e.message)")
    }

    @Test(arguments: cases)
    func aRejectedEventChangesNothing(_ bad: BadLine) {
        let good = JournalLoader.load(text: Self.journal("")).state
        let j = JournalLoader.load(text: Self.journal(bad.text))
        #expect(canonicalDump(j.state) == canonicalDump(good))
    }

    @Test func anEventAfterARejectedOneStillApplies() {
        let text = Self.journal("2024-01-11T09:00:00.000Z 0000000000zz note project=g/2 text=x")
            + "2024-01-11T09:00:01.000Z 0000000000zy note project=g/1 text=y\n"
        let j = JournalLoader.load(text: text)
        #expect(j.diagnostics.errors.map(\.line) == [12])
        #expect(j.state.notes(of: proj("g/1")).map(\.text) == ["a note", "y"])
    }

    @Test func aCorrectionOfARejectedEventIsItselfAnError() {
        let text = Self.journal("2024-01-11T09:00:00.000Z 0000000000zz todo project=g/2 owner=KP text=x")
            + "2024-01-11T09:00:01.000Z 0000000000zy done ref=0000000000zz\n"
        let j = JournalLoader.load(text: text)
        #expect(j.diagnostics.errors.map(\.line) == [12, 13])
    }

    @Test func problemWithChecksAnEventWithoutApplyingIt() {
        let state = JournalLoader.load(text: Self.journal("")).state
        let e = Event(id: EventID(value: 999), timestamp: stamp("2024-01-11T09:00:00.000Z"),
                      body: .done(ref: EventID(value: 4), meeting: nil, outcome: nil))
        #expect(state.problem(with: e)?.message.contains("is a progress note") == true)
        let ok = Event(id: EventID(value: 999), timestamp: stamp("2024-01-11T09:00:00.000Z"),
                       body: .done(ref: EventID(value: 6), meeting: nil, outcome: nil))
        #expect(state.problem(with: ok) == nil)
        #expect(state.item(EventID(value: 6))?.state == .open)
    }
}
