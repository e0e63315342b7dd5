import Testing
@testable import MinutesCore

/// data/sample.journal: a realistic journal that the app's demo and the other tests lean on.
@Suite struct SampleJournalTests {
    static let path = repositoryRoot.appendingPathComponent("data/sample.journal").path

    @Test func theSampleJournalLoadsWithNoErrorsOrWarnings() throws {
        let j = try JournalLoader.load(path: Self.path)
        #expect(j.diagnostics.isEmpty, "\(describe(j.diagnostics))")
        #expect(!j.wasReordered)
        #expect(j.tornLine == nil)
    }

    @Test func theSampleJournalHasTheStaySafeGroupWithItsSixProjectsAndThreeMeetings() throws {
        let s = try JournalLoader.load(path: Self.path).state
        #expect(s.groupList.map(\.slug) == ["stay-safe"])
        #expect(s.projects(in: "stay-safe").map(\.ref.number) == [1, 2, 3, 4, 5, 6])
        #expect(s.groups["stay-safe"]?.meetings.map(\.date.iso) == ["2009-03-12", "2009-05-14", "2009-06-25"])
        #expect(s.directory.count == 8)
    }

    @Test func followUpsFromTheFirstMeetingStillOpenHaveBeenCarriedTwice() throws {
        let s = try JournalLoader.load(path: Self.path).state
        let open = s.followUps(matching: FollowUpFilter(group: "stay-safe"))
        let fromMarch = open.filter { $0.raised == day("2009-03-12") }
        #expect(fromMarch.map(\.item.text) == [
            "ask the transport police for a named contact",
            "arrange a meeting with the mosque committee",
            "collect attendance figures from the four secondary schools",
        ])
        #expect(fromMarch.allSatisfy { $0.carried == 2 })
        // "look at the new online package" was raised in May and done in June: carried once.
        let package = s.item(EventID.parse("xs5av6hw778a")!)!
        #expect(package.state.isOpen == false)
        #expect(s.carriedCount(package) == 1)
    }

    @Test func theSampleJournalAsOfMayShowsMayDecisionsOnly() throws {
        let s = try JournalLoader.load(path: Self.path, asOf: day("2009-05-14")).state
        #expect(s.groups["stay-safe"]?.meetings.count == 2)
        #expect(s.item(EventID.parse("gk625bd34h7d")!)?.state.isOpen == false)  // done in May
        #expect(s.item(EventID.parse("wsst9tv6fb5b")!)?.state.isOpen == true)   // dropped in June
        #expect(s.item(EventID.parse("9eqz8myvgb13")!) == nil)                 // raised in June
    }

    @Test func theSampleJournalKeepsItsNonLatinText() throws {
        let s = try JournalLoader.load(path: Self.path).state
        let leaflet = s.notes(of: ProjectRef(group: "stay-safe", number: 4)).map(\.text).first { $0.contains("Leaflet") }
        #expect(leaflet == "Leaflet translated: اردو and ગુજરાતી versions are ready for checking. 🎉")
    }
}
