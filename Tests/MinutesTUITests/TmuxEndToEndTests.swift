import Foundation
import MinutesCore
import MinutesTUI
import TestSupport
import Testing

/// The built `minutes` binary in a real terminal: tmux on a private socket, at a fixed size,
/// keys sent with `send-keys`, the screen read with `capture-pane` (polled until the expected
/// text appears, with a deadline), the journal's lines checked afterwards.
///
/// Without tmux these tests are skipped, except on CI (`CI=true`), where that is a failure.
@Suite("End to end in tmux", .serialized,
       .enabled(if: Tmux.isAvailable || Tmux.isCI, "tmux is not installed: the end-to-end tests are skipped (on CI they fail)"))
struct TmuxEndToEndTests {
    static let people: [EventBody] = [
        .person(Person(initials: "AB", name: "Alex Brown")),
        .person(Person(initials: "CD", name: "Chris Doyle")),
        .person(Person(initials: "EF", name: "Emma Fox")),
        .group(slug: "fair", name: "Summer Fair Working Group", lead: "AB"),
        .project(ProjectRef(group: "fair", number: 1), headline: "A hall for the autumn events"),
        .project(ProjectRef(group: "fair", number: 2), headline: "The summer fair"),
    ]

    @Test func aShortMeetingTypedInARealTerminal() throws {
        guard Tmux.isAvailable else { Issue.record("tmux is required on CI"); return }
        let binary = try MinutesBinary.path()
        let dir = try Fixture.scratchDirectory("e2e-meeting")
        let journal = dir.appendingPathComponent("stay-safe.journal").path
        try FileManager.default.copyItem(atPath: Fixture.samplePath, toPath: journal)
        let before = AppHarness.lines(of: journal).count
        let tmux = try Tmux(directory: dir)
        defer { tmux.stop() }

        try tmux.start(binary, "-f", journal, width: 100, height: 30)
        try tmux.waitFor("Actions required")

        // Open the meeting of 17 September 2009, with people and a next date.
        tmux.send("m")
        try tmux.waitFor("Meeting date ›")
        tmux.send("C-u")
        try tmux.type("2009-09-17")
        tmux.send("Enter")
        try tmux.waitFor("Present (initials) ›")
        try tmux.type("RO JB AT ZN")
        tmux.send("Enter")
        try tmux.waitFor("Apologies ›")
        try tmux.type("MH")
        tmux.send("Enter")
        try tmux.waitFor("Chair ›")
        try tmux.type("RO")
        tmux.send("Enter")
        try tmux.waitFor("Minute-taker ›")
        try tmux.type("ZN")
        tmux.send("Enter")
        try tmux.waitFor("Next meeting date ›")
        try tmux.type("2009-11-12")
        tmux.send("Enter")
        try tmux.waitFor("Meeting of 17 September 2009 opened; 9 carried follow-ups")

        // Project 2: a note (with UTF-8), an action, a follow-up for someone unknown and RO.
        tmux.send("2")
        try tmux.waitFor("Build a cluster")
        tmux.send("n")
        try tmux.waitFor("Note ›")
        try tmux.type("Directory printed 📖 for José's team")
        tmux.send("Enter")
        try tmux.waitFor("Note added under 17 September 2009.")
        tmux.send("a")
        try tmux.waitFor("Action ›")
        try tmux.type("Print 100 copies of the directory")
        tmux.send("Enter")
        try tmux.waitFor("Action added.")
        tmux.send("t")
        try tmux.waitFor("Follow-up ›")
        try tmux.type("KP and RO to deliver copies to every school")
        tmux.send("Enter")
        var screen = try tmux.waitFor("Follow-up recorded for KP and RO. KP is not in the directory")
        #expect(screen.contains("KP and RO to deliver copies"), "shown at once")

        // Mark RO's carried follow-up done, with an outcome.
        tmux.send("Up")
        tmux.send("x")
        try tmux.waitFor("Done. Outcome (optional")
        try tmux.type("List sent on 1 September")
        tmux.send("Enter")
        screen = try tmux.waitFor("Marked done, and noted under 17 September 2009.")
        #expect(screen.contains("✓ RO to add the missing"))

        // Resize: smaller, too small, and back.
        tmux.resize(width: 80, height: 24)
        screen = try tmux.waitFor("Actions required", lines: 24)
        #expect(screen.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { DisplayWidthOfLine.of($0) <= 80 })
        tmux.resize(width: 60, height: 20)
        try tmux.waitFor("Terminal too small: 60×20")
        tmux.resize(width: 100, height: 30)
        try tmux.waitFor("Actions required", lines: 30)

        tmux.send("q")
        try tmux.waitFor("[minutes exited with 0]")

        // The journal: exactly the entries typed (the outcome also as a note), each readable.
        let lines = Array(AppHarness.lines(of: journal).dropFirst(before))
        let bodies = try lines.map(Self.parse)
        let state = try JournalLoader.load(path: journal).state
        let ro = try #require(state.followUp(containing: "add the missing details"))
        let p2 = ProjectRef(group: "stay-safe", number: 2)
        let sept = Fixture.today
        #expect(bodies == [
            .meeting(MeetingFields(group: "stay-safe", date: sept, present: ["RO", "JB", "AT", "ZN"], apologies: ["MH"],
                                   chair: "RO", minuteTaker: "ZN", next: Day(year: 2009, month: 11, day: 12))),
            .note(p2, meeting: sept, text: "Directory printed 📖 for José's team"),
            .action(p2, meeting: sept, text: "Print 100 copies of the directory"),
            .todo(p2, meeting: sept, owners: [.initials("KP"), .initials("RO")], text: "deliver copies to every school"),
            .done(ref: ro.id, meeting: sept, outcome: "List sent on 1 September"),
            .note(p2, meeting: sept, text: "List sent on 1 September"),
        ])

        // Open it again: the screen shows what was typed.
        try tmux.start(binary, "-f", journal, width: 100, height: 30, session: "again")
        try tmux.waitFor("Actions required", session: "again")
        tmux.send("2", session: "again")
        screen = try tmux.waitFor("Directory printed 📖 for", session: "again")
        #expect(screen.contains("José's team"))
        #expect(screen.contains("meeting 17 September 2009"))
        #expect(screen.contains("Print 100 copies of the"))
        #expect(screen.contains("KP and RO to deliver copies"))
        #expect(screen.contains("✓ RO to add the missing"))
        #expect(screen.contains("List sent on"))
        tmux.send("q", session: "again")
        try tmux.waitFor("[minutes exited with 0]", session: "again")
    }

    @Test func twoMeetingsInARowWithAReviewThenOutstanding() throws {
        guard Tmux.isAvailable else { Issue.record("tmux is required on CI"); return }
        let binary = try MinutesBinary.path()
        let dir = try Fixture.scratchDirectory("e2e-two-meetings")
        let journal = dir.appendingPathComponent("fair.journal").path
        try Data(Fixture.journalText(Self.people).utf8).write(to: URL(fileURLWithPath: journal))
        let tmux = try Tmux(directory: dir)
        defer { tmux.stop() }

        // The first meeting: four follow-ups in two projects.
        try tmux.start(binary, "-f", journal, width: 100, height: 30)
        try tmux.waitFor("no meeting yet")
        tmux.send("m")
        try tmux.waitFor("Meeting date ›")
        tmux.send("C-u")
        try tmux.type("2009-09-17")
        tmux.send("Enter")
        for prompt in ["Present (initials) ›", "Apologies ›", "Chair ›", "Minute-taker ›", "Next meeting date ›"] {
            try tmux.waitFor(prompt)
            tmux.send("Enter")
        }
        try tmux.waitFor("Meeting of 17 September 2009 opened.")
        for (project, text, owners) in [("1", "AB to book the hall", "AB"), ("1", "CD to write to the parish council", "CD"),
                                        ("2", "AB and CD to plan the stalls", "AB and CD"), ("2", "EF to find ten volunteers", "EF")] {
            tmux.send(project)
            try tmux.waitFor("\(project). ")
            tmux.send("t")
            try tmux.waitFor("Follow-up ›")
            try tmux.type(text)
            tmux.send("Enter")
            try tmux.waitFor("Follow-up recorded for \(owners).")
        }
        tmux.send("q")
        try tmux.waitFor("[minutes exited with 0]")
        let afterFirst = AppHarness.lines(of: journal).count

        // The second meeting: opened with m, then the review pass.
        try tmux.start(binary, "-f", journal, width: 100, height: 30, session: "second")
        try tmux.waitFor("meeting 17 September 2009", session: "second")
        tmux.send("m", session: "second")
        try tmux.waitFor("Meeting date ›", session: "second")
        tmux.send("C-u", session: "second")
        try tmux.type("2009-10-15", session: "second")
        tmux.send("Enter", session: "second")
        for prompt in ["Present (initials) ›", "Apologies ›", "Chair ›", "Minute-taker ›", "Next meeting date ›"] {
            try tmux.waitFor(prompt, session: "second")
            tmux.send("Enter", session: "second")
        }
        try tmux.waitFor("Meeting of 15 October 2009 opened; 4 carried follow-ups: R reviews them.", session: "second")
        tmux.send("R", session: "second")
        tmux.send("n", session: "second")  // the minutes of 17 September: not yet
        var screen = try tmux.waitFor("0 of 4 reviewed · item 1 of 4", session: "second")
        #expect(screen.contains("AB to book the hall ↻1 · from 17 September"))
        tmux.send("d", session: "second")
        try tmux.waitFor("Outcome (optional, noted too) ›", session: "second")
        try tmux.type("Hall booked for 3 November", session: "second")
        tmux.send("Enter", session: "second")
        screen = try tmux.waitFor("1 of 4 reviewed · item 2 of 4", session: "second")
        #expect(screen.contains("CD to write to the parish council"))
        tmux.send("k", session: "second")
        screen = try tmux.waitFor("2 of 4 reviewed · item 3 of 4", session: "second")
        #expect(screen.contains("AB and CD to plan the stalls"))
        tmux.send("r", session: "second")
        try tmux.waitFor("Reassign to › AB and CD", session: "second")
        tmux.send("C-u", session: "second")
        try tmux.type("EF", session: "second")
        tmux.send("Enter", session: "second")
        screen = try tmux.waitFor("3 of 4 reviewed · item 4 of 4", session: "second")
        #expect(screen.contains("EF to find ten volunteers"))
        tmux.send("s", session: "second")
        try tmux.waitFor("End of the review: 3 of 4 reviewed. R resumes.", session: "second")

        // The Outstanding tab: exactly the three open follow-ups, counted by owner.
        tmux.send("BTab", session: "second")
        screen = try tmux.waitFor("Open follow-ups in this group, by owner", session: "second")
        #expect(screen.contains("Outstanding (3)"))
        #expect(screen.contains(" EF 2 · CD 1\n"))
        #expect(screen.contains("EF — Emma Fox (2)"))
        #expect(screen.contains("CD — Chris Doyle (1)"))
        #expect(screen.contains("17 Sep ↻1 CD to write to the parish council"))
        #expect(screen.contains("17 Sep ↻1 EF to plan the stalls"))
        #expect(screen.contains("17 Sep ↻1 EF to find ten volunteers"))
        #expect(!screen.contains("book the hall"))
        #expect(!screen.contains("AB "), "AB has nothing left")
        tmux.send("o", session: "second")
        screen = try tmux.waitFor("by project", session: "second")
        #expect(screen.contains("1. A hall for the autumn events (1)"))
        #expect(screen.contains("2. The summer fair (2)"))
        tmux.send("q", session: "second")
        try tmux.waitFor("[minutes exited with 0]", session: "second")

        let state = try JournalLoader.load(path: journal).state
        let hall = try #require(state.followUp(containing: "book the hall"))
        let letter = try #require(state.followUp(containing: "parish council"))
        let stalls = try #require(state.followUp(containing: "plan the stalls"))
        let october = Day(year: 2009, month: 10, day: 15)!
        let bodies = try AppHarness.lines(of: journal).dropFirst(afterFirst).map(Self.parse)
        #expect(bodies == [
            .meeting(MeetingFields(group: "fair", date: october)),
            .done(ref: hall.id, meeting: october, outcome: "Hall booked for 3 November"),
            .note(ProjectRef(group: "fair", number: 1), meeting: october, text: "Hall booked for 3 November"),
            .carry(ref: letter.id, meeting: october),
            .reassign(ref: stalls.id, meeting: october, owners: [.initials("EF")]),
        ])
    }

    @Test func aSecondAppOnTheSameJournalWritesTooAndEachFollowsTheOther() throws {
        guard Tmux.isAvailable else { Issue.record("tmux is required on CI"); return }
        let binary = try MinutesBinary.path()
        let dir = try Fixture.scratchDirectory("e2e-two-apps")
        let journal = dir.appendingPathComponent("stay-safe.journal").path
        try FileManager.default.copyItem(atPath: Fixture.samplePath, toPath: journal)
        let tmux = try Tmux(directory: dir)
        defer { tmux.stop() }

        try tmux.start(binary, "-f", journal, width: 100, height: 30)
        try tmux.waitFor("Actions required")
        try tmux.start(binary, "-f", journal, width: 100, height: 30, session: "second")
        var screen = try tmux.waitFor("Actions required", session: "second")
        // Apps lock the journal per entry only (issue 20): the second app is not read-only.
        #expect(!screen.contains("READ-ONLY"))

        tmux.send("n")
        try tmux.waitFor("Note ›")
        try tmux.type("Typed in the first app")
        tmux.send("Enter")
        try tmux.waitFor("Note added under 25 June 2009.")
        screen = try tmux.waitFor("Typed in the first app", session: "second")
        #expect(screen.contains("1 entry added to the journal by another program."))

        tmux.send("n", session: "second")
        try tmux.waitFor("Note ›", session: "second")
        try tmux.type("Typed in the second app", session: "second")
        tmux.send("Enter", session: "second")
        try tmux.waitFor("Note added under 25 June 2009.", session: "second")
        try tmux.waitFor("Typed in the second app")

        tmux.send("q")
        try tmux.waitFor("[minutes exited with 0]")
        tmux.send("q", session: "second")
        try tmux.waitFor("[minutes exited with 0]", session: "second")
    }

    static func parse(_ line: String) throws -> EventBody {
        var parser = JournalParser()
        guard case .event(let e) = parser.parse(line) else { throw E2EError("unreadable journal line: \(line)") }
        return e.body
    }
}

/// Display width of a captured line, for checking nothing is drawn past the pane's edge.
enum DisplayWidthOfLine {
    static func of(_ line: Substring) -> Int { line.reduce(0) { $0 + DisplayWidth.of($1) } }
}

struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// The built `minutes` executable: `.build/debug/minutes` when it is newer than every source,
/// else built once, behind a lock, with `swift build --product minutes` into its own scratch
/// folder (`.build/e2e`): a `swift build` on `.build` itself would wait for ever on the lock
/// that the running `swift test` holds.
enum MinutesBinary {
    static func path() throws -> String {
        // MINUTES_E2E_BINARY runs the tests against another build (an older one, to see a
        // reproduced defect fail before its fix).
        if let other = ProcessInfo.processInfo.environment["MINUTES_E2E_BINARY"] { return other }
        let root = Fixture.packageRoot
        let newest = newestSource(root)
        let main = root.appendingPathComponent(".build/debug/minutes").path
        if let built = modified(main), built >= newest { return main }
        let lockDir = try Fixture.scratchRoot()
        let fd = open(lockDir.appendingPathComponent("minutes-build.lock").path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw E2EError("cannot open the build lock") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw E2EError("cannot take the build lock") }
        defer { flock(fd, LOCK_UN) }
        let scratch = root.appendingPathComponent(".build/e2e").path
        let binary = scratch + "/debug/minutes"
        if let built = modified(binary), built >= newest { return binary }
        let swift = Subprocess.run(["/usr/bin/env", "swift", "build", "--package-path", root.path,
                                    "--product", "minutes", "--scratch-path", scratch], capture: true)
        guard swift.status == 0, FileManager.default.isExecutableFile(atPath: binary) else {
            throw E2EError("swift build --product minutes failed:\n\(swift.output)")
        }
        // A build that found nothing to do leaves the old file: it is up to date all the same.
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: binary)
        return binary
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// The newest modification time of Package.swift and every file under Sources.
    static func newestSource(_ root: URL) -> Date {
        var newest = modified(root.appendingPathComponent("Package.swift").path) ?? .distantPast
        let sources = root.appendingPathComponent("Sources")
        if let walk = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: [.contentModificationDateKey]) {
            for case let url as URL in walk {
                if let d = (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate, d > newest {
                    newest = d
                }
            }
        }
        return newest
    }
}
