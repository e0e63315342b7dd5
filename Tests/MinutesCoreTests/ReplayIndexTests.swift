import Testing
@testable import MinutesCore

/// The small structures replay keeps to avoid hashing and copying: the list of open
/// follow-ups, the set of known initials, shared owner lists and meetings' attendance.
@Suite struct ReplayIndexTests {
    static func openByBruteForce(_ s: MinutesState) -> [EventID] {
        s.items.values.filter(MinutesState.isOpen).map(\.id).sorted()
    }

    static func openByIndex(_ s: MinutesState) -> [EventID] {
        s.followUps(matching: FollowUpFilter()).map(\.id).sorted()
    }

    @Test func openListStaysRightThroughCompactionsReopeningsAndRetractions() {
        var b = JournalBuilder(seed: 11)
        b.person("KP", "Kim Patel")
        b.group("be-safe")
        b.project("be-safe/1")
        b.meeting("be-safe", "2024-03-01")
        var todos: [EventID] = []
        for k in 0..<200 { todos.append(b.todo("be-safe/1", ["KP"], "follow-up \(k)")) }
        var decisions: [EventID] = []
        // Closing 150 of 200 makes the closed ones most of the list, so it is compacted.
        for k in 0..<150 { decisions.append(k % 2 == 0 ? b.done(todos[k]) : b.drop(todos[k])) }
        let s1 = b.load().state
        #expect(ReplayIndexTests.openByIndex(s1) == ReplayIndexTests.openByBruteForce(s1))
        #expect(ReplayIndexTests.openByIndex(s1).count == 50)
        #expect(s1.groups["be-safe"]!.openFollowUps.positions.count < 200)  // compacted
        // Retracting decisions reopens follow-ups whose entries were compacted away …
        for k in stride(from: 0, to: 40, by: 4) { b.retract(decisions[k]) }
        // … retracting open follow-ups closes them, and a second decision on a reopened one closes it again.
        for k in 190..<200 { b.retract(todos[k]) }
        b.done(todos[0])
        let s2 = b.load().state
        #expect(ReplayIndexTests.openByIndex(s2) == ReplayIndexTests.openByBruteForce(s2))
        #expect(ReplayIndexTests.openByIndex(s2).count == 50 + 10 - 10 - 1)
        let positions = s2.groups["be-safe"]!.openFollowUps.positions
        #expect(Set(positions).count == positions.count)  // each listed once
    }

    @Test func initialsSetHoldsOnlyTwoToFourCapitalLetters() {
        var set = InitialsSet()
        #expect(!set.contains("KP"))
        for s in ["KP", "ABCD", "ZZ"] { set.insert(s) }
        set.insert("kp")        // not initials: ignored
        set.insert("ABCDE")     // too long: ignored
        #expect(set.contains("KP") && set.contains("ABCD") && set.contains("ZZ"))
        #expect(!set.contains("kp") && !set.contains("ABC") && !set.contains("ABCDE") && !set.contains("K"))
        #expect(InitialsSet.code("AB") != InitialsSet.code("BA"))
        #expect(InitialsSet.code("Zoë") == nil)
    }

    @Test func followUpsOwnedByTheSamePeopleShareOneOwnerList() {
        var b = JournalBuilder(seed: 12)
        b.person("KP", "Kim Patel")
        b.person("DD", "Dee Dee")
        b.group("be-safe")
        b.project("be-safe/1")
        let one = b.todo("be-safe/1", ["KP", "DD"], "first")
        let two = b.todo("be-safe/1", ["KP", "DD"], "second")
        let three = b.todo("be-safe/1", ["DD", "KP"], "third")
        let named = b.todo("be-safe/1", ["Schools"], "fourth")
        let s = b.load().state
        func base(_ id: EventID) -> UnsafeRawPointer? {
            s.items[id]!.owners.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        }
        #expect(base(one) == base(two))
        #expect(s.items[three]!.owners == [.initials("DD"), .initials("KP")])
        #expect(s.items[named]!.owners == [.named("Schools")])
    }

    @Test func aMeetingEventThatNamesSomeoneTwiceListsThemOnce() {
        let text = journalText([
            "2024-03-01T09:00:00.000Z 0000000000g1 group slug=be-safe name=\"Be Safe\"",
            "2024-03-01T09:00:01.000Z 0000000000m1 meeting group=be-safe date=2024-03-01 present=KP present=DD present=KP apology=JB",
        ])
        let m = JournalLoader.load(text: text).state.groups["be-safe"]!.meetings[0]
        #expect(m.present == ["KP", "DD"])
        #expect(m.apologies == ["JB"])
        #expect(Meeting.hasRepeats(["A", "B", "A"]) && !Meeting.hasRepeats(["A", "B"]) && !Meeting.hasRepeats([]))
    }
}

/// An item keeps its first text and owners from its first amend or reassign on, so that a
/// retraction can restore them; decisions alone leave them untouched.
@Suite struct OriginalTextTests {
    /// Two people, a group with a project and a meeting, and KP's follow-up "ring the school".
    static func kimAndDeeWithAFollowUp(seed: UInt64) -> (JournalBuilder, EventID) {
        var b = JournalBuilder(seed: seed)
        b.person("KP", "Kim Patel")
        b.person("DD", "Dee Dee")
        b.group("be-safe")
        b.project("be-safe/1")
        b.meeting("be-safe", "2024-03-01")
        let todo = b.todo("be-safe/1", ["KP"], "ring the school")
        return (b, todo)
    }

    @Test func retractingAmendsAndReassignsRestoresWhatWasFirstRecorded() {
        var (b, todo) = Self.kimAndDeeWithAFollowUp(seed: 21)
        b.add(.carry(ref: todo, meeting: nil))
        let reassign = b.add(.reassign(ref: todo, meeting: nil, owners: [.initials("DD")]))
        let amend = b.add(.amend(ref: todo, text: "ring the school office", owners: nil))
        let second = b.add(.amend(ref: todo, text: "e-mail the school office", owners: [.initials("KP"), .initials("DD")]))
        let s0 = b.load().state
        #expect(s0.items[todo]!.text == "e-mail the school office")
        #expect(s0.items[todo]!.owners == [.initials("KP"), .initials("DD")])
        b.retract(second)
        let s1 = b.load().state
        #expect(s1.items[todo]!.text == "ring the school office")
        #expect(s1.items[todo]!.owners == [.initials("DD")])
        b.retract(amend)
        b.retract(reassign)
        let s2 = b.load().state
        #expect(s2.items[todo]!.text == "ring the school")
        #expect(s2.items[todo]!.owners == [.initials("KP")])
        #expect(s2.items[todo]!.state.isOpen)
    }

    /// The text and owners as first recorded survive a reassign followed by an amend: with
    /// the amend retracted the text comes back while the reassign stands, and with the
    /// reassign retracted too the owners come back.
    @Test func anAmendAfterAReassignStillRestoresTheFirstTextWhenRetracted() {
        var (b, todo) = Self.kimAndDeeWithAFollowUp(seed: 24)
        let reassign = b.add(.reassign(ref: todo, meeting: nil, owners: [.initials("DD")]))
        let amend = b.add(.amend(ref: todo, text: "ring the school office", owners: [.initials("KP")]))
        b.retract(amend)
        let s1 = b.load().state
        #expect(s1.items[todo]!.text == "ring the school")
        #expect(s1.items[todo]!.owners == [.initials("DD")])
        b.retract(reassign)
        let s2 = b.load().state
        #expect(s2.items[todo]!.text == "ring the school")
        #expect(s2.items[todo]!.owners == [.initials("KP")])
        #expect(s2.items[todo]!.originalText == "ring the school")
    }

    /// The first change is kept apart from the later ones in the item's history box: the
    /// item must still list them all in order, and a retraction of the first must mark that
    /// one alone and recompute from the rest.
    @Test func changesStayInOrderWhenTheFirstIsRetractedAmongLaterOnes() {
        var (b, todo) = Self.kimAndDeeWithAFollowUp(seed: 23)
        let reassign = b.add(.reassign(ref: todo, meeting: nil, owners: [.initials("DD")]))
        let carry = b.add(.carry(ref: todo, meeting: nil))
        let done = b.done(todo, outcome: "Rang them")
        let s0 = b.load().state
        #expect(s0.items[todo]!.changes.map(\.id) == [reassign, carry, done])
        #expect(s0.items[todo]!.owners == [.initials("DD")])
        b.retract(reassign)
        let s1 = b.load().state
        let item = s1.items[todo]!
        #expect(item.changes.map(\.id) == [reassign, carry, done])
        #expect(item.changes.map(\.isRetracted) == [true, false, false])
        #expect(item.owners == [.initials("KP")])
        #expect(item.state == .done(outcome: "Rang them", on: day("2024-03-01")))
    }

    @Test func aDecidedItemThatWasNeverAmendedStillHasItsText() {
        var b = JournalBuilder(seed: 22)
        b.person("KP", "Kim Patel")
        b.group("be-safe")
        b.project("be-safe/1")
        let todo = b.todo("be-safe/1", ["KP"], "book the hall")
        let done = b.done(todo, outcome: "booked")
        b.retract(done)
        let s = b.load().state
        #expect(s.items[todo]!.text == "book the hall")
        #expect(s.items[todo]!.owners == [.initials("KP")])
        #expect(s.items[todo]!.state.isOpen)
    }
}
