import Testing
@testable import MinutesCore

/// Two copies of a journal edited apart and merged line by line (a union merge, `cat`, a
/// hand merge) must replay to the same state whatever order the lines end up in.
@Suite struct MergeOrderTests {
    /// The common prefix, then each side's appends (event lines only, no header).
    struct Copies {
        var prefix: [String] = []
        var left: [String] = []
        var right: [String] = []
        var uniqueEvents = 0

        init() {
            var base = JournalBuilder(seed: 100)
            base.person("KP", "Kieran Patel")
            base.person("DD", "Dawn Doyle")
            base.group("g")
            base.group("h")
            base.project("g/1")
            base.project("g/2")
            base.project("h/1")
            base.meeting("g", "2024-01-10")
            let phone = base.todo("g/1", ["KP"], "phone the school")
            let hall = base.todo("g/2", ["DD"], "book a hall")
            let leaflet = base.todo("g/2", ["DD"], "check the leaflet")
            base.note("g/1", "first note")
            base.meeting("h", "2024-01-11")
            let other = base.todo("h/1", ["KP"], "in another group")
            prefix = base.lines

            // Left: the chair's laptop at the February meeting.
            var l = base
            l.reseed(200)
            l.meeting("g", "2024-02-14")
            l.done(phone, outcome: "Phoned")
            l.note("g/1", "Phoned the school; a visit is booked")
            let visit = l.todo("g/1", ["KP", "Schools"], "visit the school")
            l.add(.rate(proj("g/1"), meeting: nil, rating: .good, comment: nil))
            l.add(.reassign(ref: hall, meeting: nil, owners: [.initials("KP")]))
            l.add(.amend(ref: visit, text: "visit the school with DD", owners: [.initials("KP"), .initials("DD")]))
            left = Array(l.lines.dropFirst(prefix.count))

            // Right: the minute-taker's laptop, typing up late and at the same meeting.
            var r = base
            r.reseed(300)
            r.note("g/2", "late note for January", meeting: "2024-01-10")
            r.meeting("g", "2024-02-14")
            r.add(.meeting(MeetingFields(group: "g", date: day("2024-02-14"), present: ["DD"], minuteTaker: "DD")))
            r.drop(leaflet, reason: "No longer needed")
            r.note("g/2", "The hall is free in October")
            r.add(.rate(proj("g/2"), meeting: nil, rating: .satisfactory, comment: "slow"))
            r.done(other, meeting: "2024-01-11")
            r.add(.plan(.project(proj("g/2")), PlanFields(lead: "DD", aim: "A hall")))
            right = Array(r.lines.dropFirst(prefix.count))
            uniqueEvents = prefix.count + left.count + right.count
        }
    }

    static func load(_ lines: [String]) -> LoadedJournal { JournalLoader.load(text: journalText(lines)) }

    @Test func everyInterleavingOfTwoEditedCopiesReplaysToTheSameState() {
        let c = Copies()
        var orders: [(String, [String])] = [
            ("left then right", c.prefix + c.left + c.right),
            ("right then left", c.prefix + c.right + c.left),
            ("alternating", c.prefix + zip(c.left, c.right).flatMap { [$0, $1] }
                + c.left.dropFirst(c.right.count) + c.right.dropFirst(c.left.count)),
            ("reversed", (c.prefix + c.left + c.right).reversed()),
        ]
        var rng = SeededGenerator(seed: 9)
        for n in 0..<20 {
            orders.append(("shuffled \(n)", (c.prefix + c.left + c.right).shuffled(using: &rng)))
        }
        let reference = Self.load(c.prefix + c.left + c.right)
        #expect(!reference.hasErrors, "\(describe(reference.diagnostics))")
        #expect(reference.state.eventCount == c.uniqueEvents)
        let dump = canonicalDump(reference.state)
        for (name, lines) in orders {
            let j = Self.load(lines)
            #expect(!j.hasErrors, "\(name): \(describe(j.diagnostics))")
            #expect(canonicalDump(j.state) == dump, "\(name)")
            #expect(j.diagnostics.count == reference.diagnostics.count, "\(name)")
        }
    }

    @Test func theMergedStateHasBothSidesChanges() {
        let c = Copies()
        let s = Self.load(c.prefix + c.right + c.left).state
        let g1 = s.followUps(of: proj("g/1"))
        #expect(g1.map(\.text) == ["phone the school", "visit the school with DD"])
        #expect(g1.first?.state.isOpen == false)
        #expect(s.followUps(of: proj("g/2")).map(\.state.word) == ["open", "dropped"])
        // The late January note sorts before the February one.
        #expect(s.notes(of: proj("g/2")).map(\.text) == ["late note for January", "The hall is free in October"])
        #expect(s.groups["g"]?.meetings.last?.minuteTaker == "DD")
        #expect(s.groups["g"]?.meetings.count == 2)
    }

    @Test func exactDuplicateLinesAreReplayedOnce() {
        let c = Copies()
        let all = c.prefix + c.left + c.right
        var rng = SeededGenerator(seed: 11)
        let reference = canonicalDump(Self.load(all).state)
        let orders: [[String]] = [
            c.prefix + c.left + c.prefix + c.right,  // both sides kept the common part
            all + all,
            (all + all.prefix(7) + all.suffix(5)).shuffled(using: &rng),
            all.flatMap { [$0, $0] },  // each line twice in a row
        ]
        for lines in orders {
            let j = Self.load(lines)
            #expect(!j.hasErrors, "\(describe(j.diagnostics))")
            #expect(j.state.eventCount == c.uniqueEvents)
            #expect(canonicalDump(j.state) == reference)
        }
    }

    @Test(arguments: [false, true])
    func theSameIdWithDifferentContentIsAnErrorNamingBothLines(reversed: Bool) {
        let c = Copies()
        let original = c.left[1]  // the done of "phone the school"
        let tampered = original.replacingOccurrences(of: "outcome=Phoned", with: "outcome=\"Not phoned\"")
        #expect(tampered != original)
        var lines = c.prefix + c.left + c.right + [tampered]
        if reversed { lines.reverse() }
        let j = Self.load(lines)
        let firstLine = lines.firstIndex(of: reversed ? tampered : original)! + 2
        let secondLine = lines.firstIndex(of: reversed ? original : tampered)! + 2
        let errors = j.diagnostics.errors
        #expect(errors.count == 1, "\(describe(j.diagnostics))")
        #expect(errors.first?.line == secondLine)
        #expect(errors.first?.column == 26)
        #expect(errors.first?.message.contains("line \(firstLine)") == true)
        #expect(errors.first?.message.contains(EventID.parse(String(original.dropFirst(25).prefix(12)))!.text) == true)
    }

    @Test func aDuplicateIdIsFoundWhateverTheSpacingOfItsLine() {
        let c = Copies()
        let original = c.left[1]
        // Two spaces after the timestamp: still a valid line, with different content.
        let tampered = original.prefix(24) + "  " + original.dropFirst(25)
            .replacingOccurrences(of: "outcome=Phoned", with: "outcome=Emailed")
        let lines = c.prefix + c.left + c.right + [String(tampered)]
        let j = Self.load(lines)
        #expect(j.diagnostics.errors.count == 1, "\(describe(j.diagnostics))")
        #expect(j.diagnostics.errors.first?.line == lines.count + 1)
        #expect(j.diagnostics.errors.first?.column == 27)
    }

    @Test func aDuplicateThatDiffersOnlyInSpacingIsTheSameEvent() {
        let c = Copies()
        let original = c.left[1]
        let respaced = original.replacingOccurrences(of: " done ", with: "\tdone   ") + "  "
        let j = Self.load(c.prefix + c.left + c.right + [respaced])
        #expect(!j.hasErrors, "\(describe(j.diagnostics))")
        #expect(j.state.eventCount == c.uniqueEvents)
    }

    @Test func aDuplicatedLineThatCannotBeAppliedIsReportedOnceWhateverTheOrder() {
        let c = Copies()
        var bad = JournalBuilder(seed: 400, start: "2024-02-20T10:00:00.000Z")
        bad.note("g/7", "no such project")
        let line = bad.lines[0]
        let all = c.prefix + c.left + c.right
        var rng = SeededGenerator(seed: 12)
        for lines in [all + [line, line], [line] + all + [line], (all + [line, line]).shuffled(using: &rng)] {
            let j = Self.load(lines)
            #expect(j.diagnostics.errors.count == 1, "\(describe(j.diagnostics))")
            #expect(j.diagnostics.errors.first?.message.contains("unknown project g/7") == true)
        }
    }
}
