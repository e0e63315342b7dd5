import Foundation
import MinutesCore
import MinutesTUI
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
        tmux.type("2009-09-17")
        tmux.send("Enter")
        try tmux.waitFor("Present (initials) ›")
        tmux.type("RO JB AT ZN")
        tmux.send("Enter")
        try tmux.waitFor("Apologies ›")
        tmux.type("MH")
        tmux.send("Enter")
        try tmux.waitFor("Chair ›")
        tmux.type("RO")
        tmux.send("Enter")
        try tmux.waitFor("Minute-taker ›")
        tmux.type("ZN")
        tmux.send("Enter")
        try tmux.waitFor("Next meeting date ›")
        tmux.type("2009-11-12")
        tmux.send("Enter")
        try tmux.waitFor("Meeting of 17 September 2009 opened; 9 carried follow-ups")

        // Project 2: a note (with UTF-8), an action, a follow-up for someone unknown and RO.
        tmux.send("2")
        try tmux.waitFor("Build a cluster")
        tmux.send("n")
        try tmux.waitFor("Note ›")
        tmux.type("Directory printed 📖 for José's team")
        tmux.send("Enter")
        try tmux.waitFor("Note added under 17 September 2009.")
        tmux.send("a")
        try tmux.waitFor("Action ›")
        tmux.type("Print 100 copies of the directory")
        tmux.send("Enter")
        try tmux.waitFor("Action added.")
        tmux.send("t")
        try tmux.waitFor("Follow-up ›")
        tmux.type("KP and RO to deliver copies to every school")
        tmux.send("Enter")
        var screen = try tmux.waitFor("Follow-up recorded for KP and RO. KP is not in the directory")
        #expect(screen.contains("KP and RO to deliver copies"), "shown at once")

        // Mark RO's carried follow-up done, with an outcome.
        tmux.send("Up")
        tmux.send("x")
        try tmux.waitFor("Done. Outcome (optional) ›")
        tmux.type("List sent on 1 September")
        tmux.send("Enter")
        screen = try tmux.waitFor("Marked done.")
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

        // The journal: exactly the five entries typed, each readable.
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
        tmux.type("2009-09-17")
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
            tmux.type(text)
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
        tmux.type("2009-10-15", session: "second")
        tmux.send("Enter", session: "second")
        for prompt in ["Present (initials) ›", "Apologies ›", "Chair ›", "Minute-taker ›", "Next meeting date ›"] {
            try tmux.waitFor(prompt, session: "second")
            tmux.send("Enter", session: "second")
        }
        try tmux.waitFor("Meeting of 15 October 2009 opened; 4 carried follow-ups: R reviews them.", session: "second")
        tmux.send("R", session: "second")
        var screen = try tmux.waitFor("0 of 4 reviewed · item 1 of 4", session: "second")
        #expect(screen.contains("AB to book the hall ↻1 · from 17 September"))
        tmux.send("d", session: "second")
        try tmux.waitFor("Outcome (also noted as progress) ›", session: "second")
        tmux.type("Hall booked for 3 November", session: "second")
        tmux.send("Enter", session: "second")
        screen = try tmux.waitFor("1 of 4 reviewed · item 2 of 4", session: "second")
        #expect(screen.contains("CD to write to the parish council"))
        tmux.send("k", session: "second")
        screen = try tmux.waitFor("2 of 4 reviewed · item 3 of 4", session: "second")
        #expect(screen.contains("AB and CD to plan the stalls"))
        tmux.send("r", session: "second")
        try tmux.waitFor("Reassign to › AB and CD", session: "second")
        tmux.send("C-u", session: "second")
        tmux.type("EF", session: "second")
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
        #expect(screen.contains("EF — Emma Fox  (2)"))
        #expect(screen.contains("CD — Chris Doyle  (1)"))
        #expect(screen.contains("17 Sep ↻1 [1] CD to write to the parish council"))
        #expect(screen.contains("17 Sep ↻1 [2] EF to plan the stalls"))
        #expect(screen.contains("17 Sep ↻1 [2] EF to find ten volunteers"))
        #expect(!screen.contains("book the hall"))
        #expect(!screen.contains("AB "), "AB has nothing left")
        tmux.send("o", session: "second")
        screen = try tmux.waitFor("by project", session: "second")
        #expect(screen.contains("1. A hall for the autumn events  (1)"))
        #expect(screen.contains("2. The summer fair  (2)"))
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
        tmux.type("Typed in the first app")
        tmux.send("Enter")
        try tmux.waitFor("Note added under 25 June 2009.")
        screen = try tmux.waitFor("Typed in the first app", session: "second")
        #expect(screen.contains("1 entry added to the journal by another program."))

        tmux.send("n", session: "second")
        try tmux.waitFor("Note ›", session: "second")
        tmux.type("Typed in the second app", session: "second")
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

/// A private tmux server (its socket in the test's scratch folder) running the app.
final class Tmux {
    static let executable: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/tmux"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()
    static var isAvailable: Bool { executable != nil }
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    let socket: String
    let directory: URL

    init(directory: URL) throws {
        guard Tmux.isAvailable else { throw E2EError("tmux is not installed") }
        self.directory = directory
        socket = directory.appendingPathComponent("tmux.sock").path
    }

    /// Runs a tmux command; returns its status and, when `capture` is set, what it printed.
    /// Only commands sent to a running server capture: the server that `new-session` starts
    /// would inherit the pipe and keep it open for ever.
    @discardableResult
    func run(_ args: [String], capture: Bool = false) -> (status: Int32, output: String) {
        var env = ProcessInfo.processInfo.environment
        env["TMUX"] = nil
        env["TMUX_TMPDIR"] = directory.path
        return Subprocess.run([Tmux.executable!, "-S", socket, "-f", "/dev/null"] + args, environment: env, capture: capture)
    }

    /// Starts `binary arguments…` in a new detached session at a fixed size; the pane stays
    /// after the app ends and shows "[minutes exited with N]".
    func start(_ binary: String, _ arguments: String..., width: Int, height: Int, session: String = "app") throws {
        let command = ([binary] + arguments).map(Tmux.quote).joined(separator: " ")
            + "; echo \"[minutes exited with $?]\""
        let r = run(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)",
                     "-e", "LANG=C.UTF-8", "-e", "LC_ALL=C.UTF-8", "-e", "XDG_CACHE_HOME=\(directory.path)",
                     "/bin/sh", "-c", command, ";", "set-option", "-t", session, "remain-on-exit", "on"])
        guard r.status == 0 else { throw E2EError("tmux new-session failed with status \(r.status)") }
    }

    /// Sends keys by tmux name ("Enter", "C-u", "BTab", "Up") or single characters.
    func send(_ keys: String..., session: String = "app") {
        run(["send-keys", "-t", session] + keys)
    }

    /// Types text literally (UTF-8 as is).
    func type(_ text: String, session: String = "app") {
        run(["send-keys", "-t", session, "-l", text])
    }

    func resize(width: Int, height: Int, session: String = "app") {
        run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    func capture(session: String = "app") -> String {
        run(["capture-pane", "-p", "-t", session], capture: true).output
    }

    /// Polls the screen until it shows `text` (and, when given, has `lines` rows), or fails
    /// after the deadline with the last screen.
    @discardableResult
    func waitFor(_ text: String, lines: Int? = nil, session: String = "app", timeout: TimeInterval = 30,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        var pause: useconds_t = 2_000
        while Date() < deadline {
            screen = capture(session: session)
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            // Return a settled screen: tmux may have taken in only part of a frame, so the text
            // is there but the rest the test then reads is not yet; the same screen twice is whole.
            if screen.contains(text), lines.map({ $0 == rows }) ?? true {
                let again = capture(session: session)
                if again == screen { return screen }
                screen = again
                continue
            }
            // A poll interval, not a wait for the app: the deadline is what bounds the wait.
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
        Issue.record("Timed out waiting for “\(text)”\(lines.map { " on \($0) rows" } ?? ""). Screen:\n\(screen)",
                     sourceLocation: sourceLocation)
        throw E2EError("timed out waiting for \(text)")
    }

    /// Ends the sessions, then the server. (kill-server alone can leave the server waiting on
    /// an app that is restoring a terminal nobody reads any more after its SIGHUP.)
    func stop() {
        for session in ["app", "again", "second"] { run(["kill-session", "-t", session]) }
        run(["kill-server"])
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

/// Runs a program and waits for it with `waitpid`. (Foundation's `Process.waitUntilExit` can
/// wait for ever inside the test runner: the exited tmux client was left a zombie.)
enum Subprocess {
    static func run(_ argv: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                    capture: Bool) -> (status: Int32, output: String) {
        var fds: [Int32] = [-1, -1]
        if capture, pipe(&fds) != 0 { return (-1, "pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv)
        if capture { close(fds[1]) }
        guard spawned == 0 else {
            if capture { close(fds[0]) }
            return (-1, "cannot run \(argv[0]): error \(spawned)")
        }
        var output = [UInt8]()
        if capture {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = read(fds[0], &buffer, buffer.count)
                if n > 0 { output += buffer[0..<n]; continue }
                if n < 0, errno == EINTR { continue }
                break
            }
            close(fds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let exited = status & 0x7F == 0
        return (exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), String(decoding: output, as: UTF8.self))
    }
}
