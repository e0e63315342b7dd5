import Testing
@testable import MinutesCore

/// The project table keeps each project at the position it was added at, whatever is added
/// after it, so that replay can remember where a project sits for good.
@Suite struct ProjectTableTests {
    static func project(_ ref: String, _ headline: String = "A project") -> Project {
        Project(ref: proj(ref), id: EventID(value: UInt64(proj(ref).number)), headline: headline, recorded: stamp("2024-01-08T09:00:00.000Z"))
    }

    @Test func aProjectKeepsItsPositionWhileOthersAreAdded() {
        var table = ProjectTable()
        let first = table.add(Self.project("be-safe/1"))
        for n in 2...500 { table.add(Self.project("wg\(n % 13)-parks/\(n)")) }
        #expect(table.position(of: proj("be-safe/1")) == first)
        #expect(table.values[first].ref == proj("be-safe/1"))
        #expect(table.count == 500)
        #expect(table[proj("wg5-parks/499")]?.ref == proj("wg5-parks/499"))
        #expect(table[proj("wg5-parks/501")] == nil)
    }

    @Test func addingAReferenceAgainReplacesItInPlace() {
        var table = ProjectTable()
        table.add(Self.project("be-safe/1", "First"))
        let at = table.add(Self.project("be-safe/2", "Second"))
        #expect(table.add(Self.project("be-safe/2", "Second, again")) == at)
        #expect(table.count == 2)
        #expect(table[proj("be-safe/2")]?.headline == "Second, again")
    }

    @Test func updateChangesOnlyAProjectThatExists() {
        var table = ProjectTable()
        table.add(Self.project("be-safe/1"))
        #expect(table.update(proj("be-safe/1")) { $0.headline = "Renamed" })
        #expect(table[proj("be-safe/1")]?.headline == "Renamed")
        #expect(!table.update(proj("be-safe/9")) { $0.headline = "Nobody" })
        #expect(table.count == 1)
    }

    /// Replay remembers where recently named projects sit; projects added between the items
    /// of others (as in a journal that gains groups over the years) must not send an item to
    /// the wrong project.
    @Test func itemsLandInTheirOwnProjectWhenProjectsAreAddedBetweenThem() {
        var b = JournalBuilder(seed: 7)
        var expected: [ProjectRef: [EventID]] = [:]
        var refs: [String] = []
        for g in 1...12 {
            b.group("wg\(g)-safe")
            b.meeting("wg\(g)-safe", "2024-0\(1 + g % 9)-1\(g % 10)")
            for n in 1...6 {
                let ref = "wg\(g)-safe/\(n)"
                b.project(ref)
                refs.append(ref)
                // A note on this project and on every one added before it, newest first.
                for r in refs.reversed() {
                    expected[proj(r), default: []].append(b.note(r, "Progress on \(r)"))
                }
            }
        }
        let loaded = b.load()
        #expect(!loaded.hasErrors, "\(describe(loaded.diagnostics))")
        #expect(loaded.state.projects.count == 72)
        for r in refs {
            #expect(loaded.state.projects[proj(r)]?.notes == expected[proj(r)], "\(r)")
        }
    }
}
