import Testing
@testable import MinutesCore

/// `MinutesState.apply`, one event at a time as the app records them, must give what a
/// full replay of the file gives.
@Suite struct IncrementalApplyTests {
    /// The events of a journal text, in file order.
    func events(of text: String) -> [Event] {
        var parser = JournalParser()
        return text.split(separator: "\n").dropFirst().compactMap { line in
            if case .event(let e) = parser.parse(String(line)) { return e }
            return nil
        }
    }

    @Test func applyingTheSampleJournalEventByEventEqualsLoadingIt() throws {
        let loaded = try JournalLoader.load(path: SampleJournalTests.path)
        let text = String(decoding: try readBytes(SampleJournalTests.path), as: UTF8.self)
        var state = MinutesState()
        for e in events(of: text) {
            let applied = state.apply(e)
            #expect(applied)
        }
        #expect(canonicalDump(state) == canonicalDump(loaded.state))
    }

    @Test func applyingAMergedJournalEventByEventInReplayOrderEqualsLoadingIt() {
        let c = MergeOrderTests.Copies()
        let text = journalText(c.prefix + c.right + c.left)
        var state = MinutesState()
        for e in events(of: text).sorted(by: Event.replayOrder) { state.apply(e) }
        #expect(canonicalDump(state) == canonicalDump(JournalLoader.load(text: text).state))
    }

    @Test func applyingEveryKindOfCorrectionIncrementallyEqualsLoading() {
        let s = ReplayTests.Scenario()
        var state = MinutesState()
        for e in s.b.events { state.apply(e) }
        #expect(canonicalDump(state) == canonicalDump(s.b.load().state))
    }

    @Test func aRejectedEventIsReportedAndNotApplied() {
        var b = JournalBuilder()
        b.group("g")
        var state = MinutesState()
        for e in b.events { state.apply(e) }
        let before = canonicalDump(state)
        let bad = Event(id: EventID(value: 77), timestamp: stamp("2024-02-01T00:00:00.000Z"),
                        body: .note(proj("g/1"), meeting: nil, text: "no such project"))
        let applied = state.apply(bad, line: 42)
        #expect(!applied)
        #expect(canonicalDump(state) == before)
        #expect(state.diagnostics.map(\.line) == [42])
        #expect(!state.contains(bad.id))
    }

    @Test func applyingAnEventTwiceRejectsTheSecond() {
        var b = JournalBuilder()
        b.group("g")
        b.project("g/1")
        let n = b.note("g/1", "once")
        var state = MinutesState()
        for e in b.events { state.apply(e) }
        let again = state.apply(b.events.last!)
        #expect(!again)
        #expect(state.notes(of: proj("g/1")).map(\.id) == [n])
    }
}
