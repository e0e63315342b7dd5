import Testing
@testable import MinutesCore

/// `JournalLoader.load(…, asOf:)`: the state as it stood at the end of a meeting.
@Suite struct AsOfTests {
    struct History {
        var b = JournalBuilder()
        var phone = EventID(value: 0), hall = EventID(value: 0), later = EventID(value: 0)
        var firstNote = EventID(value: 0), secondNote = EventID(value: 0), undatedLateNote = EventID(value: 0)

        /// Three meetings; every event names its meeting, except where said.
        init(explicitMeetings: Bool) {
            let m: (String) -> String? = { explicitMeetings ? $0 : nil }
            b.group("g")
            b.project("g/1")
            b.meeting("g", "2024-01-10")
            phone = b.todo("g/1", ["KP"], "phone the school", meeting: m("2024-01-10"))
            hall = b.todo("g/1", ["DD"], "book a hall", meeting: m("2024-01-10"))
            firstNote = b.note("g/1", "first meeting note", meeting: m("2024-01-10"))
            b.add(.rate(proj("g/1"), meeting: m("2024-01-10").map(day), rating: .satisfactory, comment: nil))
            b.meeting("g", "2024-02-14")
            b.done(hall, meeting: m("2024-02-14"))
            secondNote = b.note("g/1", "second meeting note", meeting: m("2024-02-14"))
            later = b.todo("g/1", ["JB"], "raised at the second meeting", meeting: m("2024-02-14"))
            b.add(.rate(proj("g/1"), meeting: m("2024-02-14").map(day), rating: .good, comment: nil))
            b.meeting("g", "2024-03-13")
            b.done(phone, meeting: m("2024-03-13"))
            undatedLateNote = b.note("g/1", "third meeting note", meeting: m("2024-03-13"))
        }
    }

    @Test(arguments: [true, false])
    func asOfTheFirstMeetingLeavesOutEverythingAfterIt(explicitMeetings: Bool) {
        let h = History(explicitMeetings: explicitMeetings)
        let j = h.b.load(asOf: day("2024-01-10"))
        #expect(!j.hasErrors, "\(describe(j.diagnostics))")
        let s = j.state
        #expect(s.groups["g"]?.meetings.map(\.date) == [day("2024-01-10")])
        #expect(s.notes(of: proj("g/1")).map(\.id) == [h.firstNote])
        #expect(s.followUps(of: proj("g/1")).map(\.id) == [h.phone, h.hall])
        #expect(s.item(h.hall)?.state == .open)
        #expect(s.item(h.phone)?.state == .open)
        #expect(s.projects[proj("g/1")]?.ratings.map(\.rating) == [.satisfactory])
    }

    @Test(arguments: [true, false])
    func asOfTheSecondMeetingShowsItsDecisionsButNotTheThirds(explicitMeetings: Bool) {
        let h = History(explicitMeetings: explicitMeetings)
        let s = h.b.load(asOf: day("2024-02-14")).state
        #expect(s.groups["g"]?.meetings.map(\.date) == [day("2024-01-10"), day("2024-02-14")])
        #expect(s.notes(of: proj("g/1")).map(\.id) == [h.firstNote, h.secondNote])
        #expect(s.item(h.undatedLateNote) == nil)
        #expect(s.item(h.hall)?.state.isOpen == false)
        // Done at the third meeting: open as of the second, carried once so far.
        #expect(s.item(h.phone)?.state == .open)
        #expect(s.carriedCount(s.item(h.phone)!) == 1)
        #expect(s.item(h.later).map(s.carriedCount) == 0)
        #expect(s.projects[proj("g/1")]?.latestRating?.rating == .good)
    }

    @Test(arguments: [true, false])
    func asOfTheLastMeetingEqualsTheFullReplay(explicitMeetings: Bool) {
        let h = History(explicitMeetings: explicitMeetings)
        let full = h.b.load().state
        let asOf = h.b.load(asOf: day("2024-03-13")).state
        #expect(canonicalDump(asOf) == canonicalDump(full))
        #expect(full.carriedCount(full.item(h.phone)!) == 2)
    }

    @Test func anAsOfBeforeTheFirstMeetingHasTheDirectoryButNoMeetings() {
        let h = History(explicitMeetings: true)
        let s = h.b.load(asOf: day("2024-01-09")).state
        #expect(s.groups["g"] != nil)
        #expect(s.projects[proj("g/1")] != nil)
        #expect(s.groups["g"]?.meetings.isEmpty == true)
        #expect(s.items.isEmpty)
    }

    @Test func correctionsOfEventsAfterTheAsOfDayAreLeftOutWithoutErrors() {
        // A meeting opened in advance; a note for it amended before the as-of day.
        var b = JournalBuilder()
        b.group("g")
        b.project("g/1")
        b.meeting("g", "2024-01-10")
        b.on("2024-02-01")
        b.add(.meeting(MeetingFields(group: "g", date: day("2024-02-14"))))
        let n = b.note("g/1", "agenda item for February")
        b.add(.amend(ref: n, text: "agenda item for the February meeting", owners: nil))
        let j = b.load(asOf: day("2024-02-05"))
        #expect(!j.hasErrors, "\(describe(j.diagnostics))")
        #expect(j.state.items.isEmpty)
    }
}

/// Minutes of earlier meetings typed up later: the group and projects are added today,
/// the items name their (past) meetings.
@Suite struct AsOfTypedUpHistoryTests {
    func typedUp() -> (JournalBuilder, march: EventID, april: EventID) {
        var b = JournalBuilder(start: "2024-06-01T08:00:00.000Z")
        b.person("KP", "Kieran Patel")
        b.group("g")
        b.project("g/1")
        b.add(.meeting(MeetingFields(group: "g", date: day("2024-03-13"), present: ["KP"])))
        let march = b.todo("g/1", ["KP"], "raised in March", meeting: "2024-03-13")
        b.add(.meeting(MeetingFields(group: "g", date: day("2024-04-10"))))
        let april = b.note("g/1", "noted in April", meeting: "2024-04-10")
        b.done(march, meeting: "2024-04-10")
        return (b, march, april)
    }

    @Test func asOfAnEarlierMeetingOfTypedUpMinutesHasNoErrors() {
        let (b, march, april) = typedUp()
        let j = b.load(asOf: day("2024-03-13"))
        #expect(!j.hasErrors, "\(describe(j.diagnostics))")
        #expect(j.state.groups["g"]?.meetings.map(\.date) == [day("2024-03-13")])
        #expect(j.state.item(march)?.state == .open)
        #expect(j.state.item(april) == nil)
        #expect(j.state.person("KP") != nil)
    }

    @Test func asOfTheLaterMeetingOfTypedUpMinutesShowsItsDecision() {
        let (b, march, april) = typedUp()
        let j = b.load(asOf: day("2024-04-10"))
        #expect(!j.hasErrors, "\(describe(j.diagnostics))")
        #expect(j.state.item(march)?.state.isOpen == false)
        #expect(j.state.item(march).map(j.state.carriedCount) == 1)
        #expect(j.state.item(april) != nil)
    }
}
