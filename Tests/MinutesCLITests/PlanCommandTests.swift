import Foundation
import Testing

/// `minutes plan` and the action-plan options of `add action`, as a user types them: a whole
/// project plan entered from the command line, changed and cleared, and refusals that leave
/// the journal as it was, byte for byte.
@Suite("Plans from the command line", .serialized)
struct PlanCommandTests {
    static func setUp(_ s: Sandbox) throws {
        for args in [["init"], ["add", "person", "CD", "Cara Dunne"], ["add", "person", "KP", "Kim Parker"],
                     ["add", "group", "be-safe", "Be Safe Working Group"], ["add", "project", "be-safe", "Staff trained"]] {
            let r = try s.run(args)
            #expect(r.status == 0, "\(args): \(r)")
        }
    }

    @Test func aWholeProjectPlanIsEnteredFromTheCommandLineAndExported() throws {
        let s = try Sandbox()
        try Self.setUp(s)
        let r = try s.run(["plan", "be-safe", "--lead", "CD", "--aim", "Children are safe and feel safe",
                           "--priority", "Staff trained", "--priority", "A directory of services",
                           "--statement", "Partners work as one", "--approach", "1,2: Share good practice",
                           "--approach", "2: A web page", "--resources", "Staff time", "--start", "Jan 2009",
                           "--end", "Dec 2011", "--link", "Be Healthy plan", "--issue", "Work done twice",
                           "--baseline", "The 2008 survey", "--success", "All staff trained",
                           "--action-plans", "One per priority"])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r)")
        let shown = try s.run(["plan", "be-safe"])
        #expect(shown.stdout.contains("BE SAFE WORKING GROUP PROJECT PLAN 2009 – 2011"), "\(shown)")
        #expect(shown.stdout.contains("Share good practice (on priorities 1, 2)"))
        let md = try s.run(["export", "plan", "be-safe", "--format", "md"])
        for part in ["**Project start:** Jan 2009", "## Key issues", "- Work done twice", "## Success criteria", "One per priority"] {
            #expect(md.stdout.contains(part), "\(part)\n\(md)")
        }
        let cleared = try s.run(["plan", "be-safe", "--clear", "issue", "--clear", "action-plans"])
        #expect(cleared.status == 0, "\(cleared)")
        let after = try s.run(["export", "plan", "be-safe", "--format", "md"])
        #expect(!after.stdout.contains("Key issues") && !after.stdout.contains("One per priority"))
    }

    @Test func anActionTakesItsResponsibilityTimescaleAndResourcesAndTheyCanBeChanged() throws {
        let s = try Sandbox()
        try Self.setUp(s)
        let added = try s.run(["add", "action", "be-safe/1", "Run twilight sessions", "--responsibility", "KP and CD",
                               "--timescale", "July 2009", "--resources", "Trainer time"])
        #expect(added.status == 0, "\(added)")
        let id = String(added.stdout.prefix { $0 != " " })
        let shown = try s.run(["plan", id])
        #expect(shown.stdout.contains("Responsibility: KP and CD") && shown.stdout.contains("Timescale: July 2009"), "\(shown)")
        #expect(try s.run(["plan", id, "--timescale", "Ongoing"]).status == 0)
        #expect(try s.run(["plan", id]).stdout.contains("Timescale: Ongoing"))
        let journal = try String(contentsOf: s.journal, encoding: .utf8)
        #expect(journal.contains("owner=KP owner=CD timing=\"July 2009\""), "a timescale that is not a journal date stays words")
    }

    @Test(arguments: [
        (["plan", "be-safe", "--start", "2012-01", "--end", "Dec 2011"], Int32(1), "before it starts"),
        (["plan", "be-safe/1", "--title", "x"], Int32(2), "--title: project be-safe/1 has no title"),
        (["plan", "be-safe", "--start", "spring 2009"], Int32(1), "--start: 'spring 2009' is not a date or a month"),
        (["plan", "be-safe", "--clear", "colour"], Int32(2), "--clear: 'colour' is not a plan field"),
        (["plan", "be-safe", "--meeting", "2009-01-01", "--aim", "x"], Int32(1), "--meeting: no meeting of be-safe on 2009-01-01"),
    ])
    func aRefusedPlanLeavesTheJournalByteForByteUntouched(_ args: [String], _ status: Int32, _ message: String) throws {
        let s = try Sandbox()
        try Self.setUp(s)
        #expect(try s.run(["plan", "be-safe", "--end", "Dec 2011"]).status == 0)
        let before = try Data(contentsOf: s.journal)
        let r = try s.run(args)
        #expect(r.status == status, "\(r)")
        #expect(r.stderr.contains(message), "\(r)")
        #expect(r.stderrLines.count == 1, "one line: \(r)")
        #expect(try Data(contentsOf: s.journal) == before)
    }

    @Test func aFormatOneJournalRefusesTheNewPlanFieldsAndSaysToUpgrade() throws {
        let s = try Sandbox()
        let v1 = """
            minutes-journal 1
            2009-01-05T10:00:00.000Z hat3nbh79eda group slug=be-safe name="Be Safe"

            """
        try Data(v1.utf8).write(to: s.journal)
        let before = try Data(contentsOf: s.journal)
        let r = try s.run(["plan", "be-safe", "--issue", "Work done twice"])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("format 1") && r.stderr.contains("minutes upgrade"), "\(r)")
        #expect(try Data(contentsOf: s.journal) == before)
        #expect(try s.run(["plan", "be-safe", "--aim", "Safe"]).status == 0, "the fields format 1 has are still written")
    }
}
