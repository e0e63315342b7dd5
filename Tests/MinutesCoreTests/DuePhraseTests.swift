import Testing
@testable import MinutesCore

/// Due dates read from a follow-up as typed: the year comes from the meeting, "the next
/// meeting" from the date the meeting set, and anything else after "by" is left as text.
@Suite struct DuePhraseTests {
    static let meeting = Day(year: 2026, month: 5, day: 10)!
    static let next = Day(year: 2026, month: 6, day: 14)!

    @Test(arguments: [
        ("KP to send the list by 30 June", Day(year: 2026, month: 6, day: 30)),
        ("KP to send the list by 30th June 2027", Day(year: 2027, month: 6, day: 30)),
        ("KP to send the list by June 30", Day(year: 2026, month: 6, day: 30)),
        ("KP to send the list by 30/6", Day(year: 2026, month: 6, day: 30)),
        ("KP to send the list by 2026-07-01", Day(year: 2026, month: 7, day: 1)),
        ("KP to send the list before 3 Sept", Day(year: 2026, month: 9, day: 3)),
        ("KP to book the hall by 15 January", Day(year: 2027, month: 1, day: 15)),
    ])
    func aDateAfterByIsTheDueDateWithTheYearFromTheMeeting(_ text: String, _ expected: Day?) {
        #expect(DuePhrase.parse(text, meeting: Self.meeting, next: Self.next).due == expected)
    }

    @Test func theNextMeetingIsTheDateTheMeetingSet() {
        #expect(DuePhrase.parse("DD to report back by the next meeting", meeting: Self.meeting, next: Self.next).due == Self.next)
        let none = DuePhrase.parse("DD to report back by next meeting", meeting: Self.meeting, next: nil)
        #expect(none.due == nil)
        #expect(none.needsNextDate)
    }

    @Test func endOfTermStaysTextAndIsReported() {
        let r = DuePhrase.parse("JB to check the budget by end of term", meeting: Self.meeting, next: Self.next)
        #expect(r.due == nil)
        #expect(r.unrecognised == "end of term")
    }

    @Test func theLastByDecides() {
        let r = DuePhrase.parse("KP to go by bus to the depot by 3 June", meeting: Self.meeting, next: nil)
        #expect(r.due == Day(year: 2026, month: 6, day: 3))
    }

    @Test func aLineWithoutByHasNoDueDate() {
        let r = DuePhrase.parse("KP to send the list", meeting: Self.meeting, next: Self.next)
        #expect(r.due == nil && r.unrecognised == nil)
    }

    @Test func aRetractedDueChangeRestoresTheEarlierDate() {
        let text = """
            minutes-journal 2
            2026-01-05T10:00:00.000Z 000000000001 group slug=g name="G"
            2026-01-05T10:00:01.000Z 000000000002 project group=g number=1 headline="P"
            2026-05-10T09:00:00.000Z 000000000003 meeting group=g date=2026-05-10
            2026-05-10T09:01:00.000Z 000000000004 todo project=g/1 meeting=2026-05-10 owner=KP text="send the list"
            2026-05-10T09:01:01.000Z 000000000005 due ref=000000000004 meeting=2026-05-10 date=2026-06-30
            2026-05-11T09:00:00.000Z 000000000006 due ref=000000000004 date=2026-07-31
            2026-05-12T09:00:00.000Z 000000000007 retract ref=000000000006

            """
        let j = JournalLoader.load(text: text)
        #expect(j.diagnostics.errors.isEmpty, "\(j.diagnostics)")
        let item = j.state.item(EventID.parse("000000000004")!)!
        #expect(j.state.dueDate(item) == Day(year: 2026, month: 6, day: 30))
        #expect(j.state.dueHistory(item).map(\.isRetracted) == [false, true])
    }

    @Test func aRetractedConfidentialMarkUnmarksTheItem() {
        let text = """
            minutes-journal 2
            2026-01-05T10:00:00.000Z 000000000001 group slug=g name="G"
            2026-01-05T10:00:01.000Z 000000000002 project group=g number=1 headline="P"
            2026-05-10T09:00:00.000Z 000000000003 meeting group=g date=2026-05-10
            2026-05-10T09:01:00.000Z 000000000004 note project=g/1 meeting=2026-05-10 text="a case in confidence"
            2026-05-10T09:01:01.000Z 000000000005 withhold ref=000000000004
            2026-05-10T09:01:02.000Z 000000000006 decision project=g/1 meeting=2026-05-10 text="d"
            2026-05-10T09:01:03.000Z 000000000007 aob group=g meeting=2026-05-10 text="a"
            2026-05-11T09:00:00.000Z 000000000008 retract ref=000000000005

            """
        let j = JournalLoader.load(text: text)
        #expect(j.diagnostics.errors.isEmpty, "\(j.diagnostics)")
        #expect(!j.state.isConfidential(EventID.parse("000000000004")!))
        #expect(j.state.decisions(of: ProjectRef("g/1")!).map(\.text) == ["d"])
        #expect(j.state.otherBusiness(of: "g", meeting: Self.meeting).map(\.text) == ["a"])
    }
}
