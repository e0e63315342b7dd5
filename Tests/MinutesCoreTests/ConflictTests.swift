import Testing
@testable import MinutesCore

/// Two laptops decide differently about one follow-up: done on one, dropped on the other.
@Suite struct ConflictTests {
    struct Sides {
        var prefix: [String]
        var done: String
        var drop: String
        var item: EventID
        var doneID: EventID
        var dropID: EventID

        init() {
            var base = JournalBuilder(seed: 5)
            base.group("g")
            base.project("g/1")
            base.meeting("g", "2024-01-10")
            item = base.todo("g/1", ["KP"], "phone the school")
            base.meeting("g", "2024-02-14")
            prefix = base.lines
            var left = base, right = base
            left.reseed(6)
            right.reseed(7)
            right.on("2024-02-14", at: "09:30:00.000")  // the drop is recorded later than the done
            doneID = left.done(item, outcome: "Phoned")
            dropID = right.drop(item, reason: "Not needed")
            done = left.lines.last!
            drop = right.lines.last!
        }
    }

    @Test func doneOnOneCopyAndDroppedOnTheOtherGivesOneStateWhateverTheOrder() {
        let s = Sides()
        let a = JournalLoader.load(text: journalText(s.prefix + [s.done, s.drop]))
        let b = JournalLoader.load(text: journalText(s.prefix + [s.drop, s.done]))
        #expect(!a.hasErrors && !b.hasErrors)
        #expect(canonicalDump(a.state) == canonicalDump(b.state))
        // The later decision (by timestamp) stands.
        #expect(a.state.item(s.item)?.state == .dropped(reason: "Not needed", on: day("2024-02-14")))
    }

    @Test(arguments: [false, true])
    func aConflictingDecisionIsAWarningAndBothEventsAreKept(dropFirst: Bool) {
        let s = Sides()
        let lines = s.prefix + (dropFirst ? [s.drop, s.done] : [s.done, s.drop])
        let j = JournalLoader.load(text: journalText(lines))
        let warnings = j.diagnostics.warnings.filter { $0.message.contains("conflicting decisions") }
        #expect(warnings.count == 1, "\(describe(j.diagnostics))")
        // The warning is on the decision that replays second: the drop's line.
        #expect(warnings.first?.line == lines.firstIndex(of: s.drop)! + 2)
        #expect(warnings.first?.message.contains(s.item.text) == true)
        let item = j.state.item(s.item)
        #expect(item?.changes.map(\.id) == [s.doneID, s.dropID])
        #expect(item?.conflictingDecisions == [s.dropID])
    }

    @Test func markingDoneOnBothCopiesIsTheSameDecisionNotAConflict() {
        var base = JournalBuilder(seed: 9)
        base.group("g")
        base.project("g/1")
        base.meeting("g", "2024-01-10")
        let item = base.todo("g/1", ["KP"], "phone the school")
        base.meeting("g", "2024-02-14")
        var left = base, right = base
        left.reseed(10)
        right.reseed(11)
        right.on("2024-02-14", at: "09:30:00.000")
        left.done(item, outcome: "Phoned")
        right.done(item, outcome: "Phoned on Monday")
        let j = JournalLoader.load(text: journalText(base.lines + [left.lines.last!, right.lines.last!]))
        #expect(!j.diagnostics.contains { $0.message.contains("conflicting") }, "\(describe(j.diagnostics))")
        #expect(j.state.item(item)?.conflictingDecisions == [])
        #expect(j.state.item(item)?.state == .done(outcome: "Phoned on Monday", on: day("2024-02-14")))
    }

    @Test func retractingEitherDecisionResolvesTheConflict() {
        let s = Sides()
        var b = JournalBuilder(seed: 8, start: "2024-02-15T10:00:00.000Z")
        b.add(.retract(ref: s.dropID, reason: "It was done"))
        let lines = s.prefix + [s.drop, s.done] + b.lines
        let j = JournalLoader.load(text: journalText(lines))
        #expect(!j.hasErrors)
        #expect(j.state.item(s.item)?.state == .done(outcome: "Phoned", on: day("2024-02-14")))
        #expect(j.state.item(s.item)?.conflictingDecisions == [])
    }

    @Test func aReassignOnOneCopyAndADoneOnTheOtherAreNoConflict() {
        var base = JournalBuilder(seed: 1)
        base.person("KP", "Kieran Patel")
        base.person("DD", "Dawn Doyle")
        base.group("g")
        base.project("g/1")
        base.meeting("g", "2024-01-10")
        let t = base.todo("g/1", ["KP"], "phone the school")
        var left = base, right = base
        left.reseed(2)
        right.reseed(3)
        left.add(.reassign(ref: t, meeting: nil, owners: [.initials("DD")]))
        right.done(t)
        let lines = base.lines + [left.lines.last!, right.lines.last!]
        let j = JournalLoader.load(text: journalText(lines))
        #expect(j.diagnostics.isEmpty, "\(describe(j.diagnostics))")
        #expect(j.state.item(t)?.owners == [.initials("DD")])
        #expect(j.state.item(t)?.state.isOpen == false)
    }
}
