import Testing
@testable import MinutesCore

/// The carried count: how many of its group's later meetings a follow-up stayed open into.
@Suite struct CarriedCountTests {
    static let meetingDays = ["2024-01-10", "2024-02-14", "2024-03-13", "2024-04-10", "2024-05-15"]

    /// A group with a follow-up raised at the first meeting.
    func journal() -> (JournalBuilder, EventID) {
        var b = JournalBuilder()
        b.group("g")
        b.project("g/1")
        b.meeting("g", Self.meetingDays[0])
        let t = b.todo("g/1", ["KP"], "phone the school")
        return (b, t)
    }

    func carried(_ b: JournalBuilder, _ id: EventID) -> Int? {
        let s = b.load().state
        return s.item(id).map(s.carriedCount)
    }

    @Test func carriedCountGrowsWithEachMeetingWhileOpen() {
        var (b, t) = journal()
        #expect(carried(b, t) == 0)
        for (n, d) in Self.meetingDays.dropFirst().enumerated() {
            b.meeting("g", d)
            #expect(carried(b, t) == n + 1, "after the meeting of \(d)")
        }
    }

    @Test func carriedCountStopsGrowingOnceDone() {
        var (b, t) = journal()
        b.meeting("g", Self.meetingDays[1])
        b.meeting("g", Self.meetingDays[2])
        b.done(t, meeting: Self.meetingDays[2])
        #expect(carried(b, t) == 2)
        b.meeting("g", Self.meetingDays[3])
        b.meeting("g", Self.meetingDays[4])
        #expect(carried(b, t) == 2)
    }

    @Test func carriedCountStopsGrowingOnceDropped() {
        var (b, t) = journal()
        b.meeting("g", Self.meetingDays[1])
        b.drop(t)  // at the meeting of 14 February, recorded that day
        b.meeting("g", Self.meetingDays[2])
        #expect(carried(b, t) == 1)
    }

    @Test func doneAtTheMeetingItWasRaisedAtIsNeverCarried() {
        var (b, t) = journal()
        b.done(t)
        b.meeting("g", Self.meetingDays[1])
        b.meeting("g", Self.meetingDays[2])
        #expect(carried(b, t) == 0)
    }

    @Test func doneBetweenMeetingsCountsOnlyTheMeetingsBeforeIt() {
        var (b, t) = journal()
        b.meeting("g", Self.meetingDays[1])
        b.on("2024-02-20")
        b.done(t)  // recorded between meetings, no meeting named
        b.meeting("g", Self.meetingDays[2])
        #expect(carried(b, t) == 1)
    }

    @Test func reassignKeepsAFollowUpOpenAndCarried() {
        var (b, t) = journal()
        b.meeting("g", Self.meetingDays[1])
        b.add(.reassign(ref: t, meeting: nil, owners: [.initials("DD")]))
        b.meeting("g", Self.meetingDays[2])
        let s = b.load().state
        #expect(s.item(t)?.state == .open)
        #expect(s.item(t)?.owners == [.initials("DD")])
        #expect(s.carriedCount(s.item(t)!) == 2)
    }

    @Test func retractingADoneReopensTheFollowUpAndTheCountContinues() {
        var (b, t) = journal()
        b.meeting("g", Self.meetingDays[1])
        let d = b.done(t)
        #expect(carried(b, t) == 1)
        b.meeting("g", Self.meetingDays[2])
        #expect(carried(b, t) == 1)
        b.retract(d)
        b.meeting("g", Self.meetingDays[3])
        let s = b.load().state
        #expect(s.item(t)?.state == .open)
        #expect(s.carriedCount(s.item(t)!) == 3)
    }

    @Test func twoGroupsMeetingOnTheSameDayDoNotAffectEachOthersCounts() {
        var b = JournalBuilder()
        b.group("a")
        b.group("b")
        b.project("a/1")
        b.project("b/1")
        b.meeting("a", "2024-01-10")
        b.meeting("b", "2024-01-10")
        let ta = b.todo("a/1", ["KP"], "for group a", meeting: "2024-01-10")
        let tb = b.todo("b/1", ["KP"], "for group b", meeting: "2024-01-10")
        b.meeting("a", "2024-02-14")
        b.meeting("b", "2024-02-14")
        b.meeting("a", "2024-03-13")
        let s = b.load().state
        #expect(s.carriedCount(s.item(ta)!) == 2)
        #expect(s.carriedCount(s.item(tb)!) == 1)
    }

    @Test func notesAndActionsAreNeverCarried() {
        var (b, _) = journal()
        let n = b.note("g/1", "a note")
        let a = b.add(.action(proj("g/1"), meeting: nil, text: "an action"))
        b.meeting("g", Self.meetingDays[1])
        #expect(carried(b, n) == 0)
        #expect(carried(b, a) == 0)
    }

    @Test func theOutstandingListCarriesTheSameCount() {
        var (b, t) = journal()
        b.meeting("g", Self.meetingDays[1])
        b.meeting("g", Self.meetingDays[2])
        let t2 = b.todo("g/1", ["DD"], "a newer follow-up")
        let list = b.load().state.followUps(matching: FollowUpFilter(group: "g"))
        #expect(list.map(\.id) == [t, t2])
        #expect(list.map(\.carried) == [2, 0])
        let old = b.load().state.followUps(matching: FollowUpFilter(group: "g", minCarried: 1))
        #expect(old.map(\.id) == [t])
    }
}
