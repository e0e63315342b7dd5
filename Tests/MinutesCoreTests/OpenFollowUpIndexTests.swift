import Testing
@testable import MinutesCore

/// The index of open follow-ups that outstanding lists read agrees with the items themselves
/// through done, dropped, reassigned, retracted and un-retracted decisions.
@Suite struct OpenFollowUpIndexTests {
    static func bruteForce(_ s: MinutesState) -> [EventID] {
        s.items.values.filter { $0.kind == .followUp && !$0.isRetracted && $0.state.isOpen }.map(\.id).sorted()
    }

    @Test func indexFollowsEveryKindOfDecision() {
        var b = JournalBuilder(seed: 5)
        b.person("KP", "Kim Patel")
        b.group("be-safe")
        b.group("roads")
        b.project("be-safe/1")
        b.project("roads/1")
        b.on("2024-02-01")
        b.add(.meeting(MeetingFields(group: "be-safe", date: day("2024-02-01"))))
        b.add(.meeting(MeetingFields(group: "roads", date: day("2024-02-01"))))
        let ref = proj("be-safe/1"), road = proj("roads/1")
        let a = b.add(.todo(ref, meeting: nil, owners: [.initials("KP")], text: "A"))
        let done = b.add(.done(ref: a, meeting: nil, outcome: nil))
        let c = b.add(.todo(ref, meeting: nil, owners: [.initials("KP")], text: "C"))
        b.add(.drop(ref: c, meeting: nil, reason: "no"))
        let d = b.add(.todo(road, meeting: nil, owners: [.named("Schools")], text: "D"))
        b.add(.reassign(ref: d, meeting: nil, owners: [.initials("KP")]))
        let e = b.add(.todo(road, meeting: nil, owners: [], text: "E"))
        b.add(.carry(ref: e, meeting: nil))
        let f = b.add(.todo(road, meeting: nil, owners: [.initials("KP")], text: "F"))
        b.add(.note(road, meeting: nil, text: "a note"))
        var s = b.load().state
        #expect(s.followUps(matching: FollowUpFilter()).map(\.id).sorted() == OpenFollowUpIndexTests.bruteForce(s))
        #expect(Set(s.followUps(matching: FollowUpFilter()).map(\.id)) == [d, e, f])

        // Retracting the done reopens A; retracting F closes it for good.
        for body in [EventBody.retract(ref: done, reason: nil), .retract(ref: f, reason: nil), .done(ref: e, meeting: nil, outcome: "ok")] {
            s.apply(Event(id: EventID(value: UInt64(s.eventCount) + 1_000_000), timestamp: Timestamp(milliseconds: s.lastTimestamp.milliseconds + 1), body: body))
            #expect(s.followUps(matching: FollowUpFilter()).map(\.id).sorted() == OpenFollowUpIndexTests.bruteForce(s))
        }
        #expect(Set(s.followUps(matching: FollowUpFilter()).map(\.id)) == [a, d])
        #expect(s.followUps(matching: FollowUpFilter(group: "roads")).map(\.id) == [d])
        #expect(s.followUps(matching: FollowUpFilter(project: ref)).map(\.id) == [a])
        #expect(s.followUps(matching: FollowUpFilter(owner: "kp")).count == 2)
        #expect(s.followUps(matching: FollowUpFilter(includeClosed: true)).count == 4)  // A, C, D, E (F retracted)
    }
}
