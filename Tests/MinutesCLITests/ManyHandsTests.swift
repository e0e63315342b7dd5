import Foundation
import Testing
import MinutesCore

/// Issue 20 through the binary and the app in tmux: drafts belong to their app, the app
/// does not keep others from writing, and a file-size limit is a clear error, not a kill.
@Suite("Many hands on one journal, through the binary and the app", .serialized)
struct ManyHandsTests {
    static func skipWithoutTmux() -> Bool {
        guard Tmux.isAvailable else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("tmux is missing under CI") }
            return true
        }
        return false
    }

    static func panePid(_ tmux: Tmux) throws -> pid_t {
        pid_t(try tmux.tmux(["display-message", "-p", "-t", "app", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))!
    }

    /// Polls until `condition` holds or `seconds` pass.
    static func eventually(_ seconds: Double = 10, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            _ = poll(nil, 0, 20)
        }
        return condition()
    }

    // Defect 1: a second, read-only app deleted the first app's draft.
    @Test func secondAppNeitherTakesNorDeletesTheFirstAppsDraft() throws {
        if Self.skipWithoutTmux() { return }
        let box = try Sandbox()
        try box.copySample()
        let command = "exec '\(CLI.binary.path)' -f minutes.journal"
        let first = try Tmux(command: command, directory: box.dir, width: 100, height: 30)
        try first.waitForScreen("the panel") { $0.contains("To do by next meeting") }
        try first.keys("2")
        try first.keys("t")
        try first.type("AT to ring the venue about the October")
        try first.waitForScreen("the typed text") { $0.contains("venue about the October") }
        // The app saves its draft a few seconds after typing stops.
        let drafts = DraftStore(journalPath: box.journal.path)
        #expect(Self.eventually { drafts.othersDrafts().count == 1 }, "the first app saved no draft")
        let firstDraft = try #require(drafts.othersDrafts().first)
        #expect(!firstDraft.isLeftBehind)

        let second = try Tmux(command: command, directory: box.dir, width: 100, height: 30)
        let screen = try second.waitForScreen("the second app") { $0.contains("To do by next meeting") }
        #expect(!screen.contains("venue about the October"), "the second app took the first app's text")
        try second.keys("q")
        try second.waitForExit()
        #expect(FileManager.default.fileExists(atPath: firstDraft.path), "the second app deleted the first app's draft")
        #expect(drafts.othersDrafts().map(\.draft.text) == ["AT to ring the venue about the October"])

        // The first app crashes: its draft is still there, and the next app offers it back.
        kill(try Self.panePid(first), SIGKILL)
        try first.waitForExit()
        let third = try Tmux(command: command, directory: box.dir, width: 100, height: 30)
        try third.waitForScreen("the restored draft") { $0.contains("Follow-up › AT to ring the venue about the October") }
    }

    // Defect 3: while the app was open, every command-line write waited 2 s and was refused.
    @Test func commandLineWritesWhileTheAppIsOpenAndTheAppShowsThemAndStillWrites() throws {
        if Self.skipWithoutTmux() { return }
        let box = try Sandbox()
        try box.copySample()
        let app = try Tmux(command: "exec '\(CLI.binary.path)' -f minutes.journal", directory: box.dir, width: 110, height: 40)
        try app.waitForScreen("the panel") { $0.contains("To do by next meeting") }
        try app.keys("2")
        try app.waitForScreen("project 2") { $0.contains("directory of local services") }
        let started = Date()
        let added = try box.run(["add", "note", "stay-safe/2", "Note from a colleague"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(Date().timeIntervalSince(started) < 1.5, "the command waited for the app")
        try app.waitForScreen("the colleague's note", seconds: 3) { $0.contains("Note from a colleague") }
        // The app itself still writes, after the other program's entry.
        try app.keys("t")
        try app.type("RO to thank the colleague")
        try app.keys("Enter")
        try app.waitForScreen("the app's follow-up") { $0.contains("Follow-up recorded for RO") }
        try app.keys("q")
        try app.waitForExit()
        let check = try box.run(["check"])
        #expect(check.status == 0, "\(check.stdout)")
        let journal = String(decoding: box.bytes() ?? Data(), as: UTF8.self)
        #expect(journal.contains("Note from a colleague"))
        #expect(journal.contains("thank the colleague"))
    }

    // Defect 7: `ulimit -f` killed a writer mid-line with SIGXFSZ.
    @Test func fileSizeLimitIsAClearErrorAndTheJournalStaysWhole() throws {
        let box = try Sandbox()
        try box.copySample()
        let before = box.bytes()!
        let blocks = (before.count + 1023) / 1024
        let long = String(repeating: "A long note that does not fit under the limit. ", count: 60)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        // SIGXFSZ back to its default (this test process ignores it, and children inherit
        // that): the program itself must not die of it.
        p.arguments = ["-c", "ulimit -f \(blocks); exec env --default-signal=XFSZ '\(CLI.binary.path)' add note stay-safe/2 '\(long)' -f minutes.journal"]
        p.currentDirectoryURL = box.dir
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit, "killed by signal \(p.terminationStatus)")
        #expect(p.terminationStatus == 1, "\(stderr)")
        #expect(stderr.contains("file-size limit"), "\(stderr)")
        #expect(box.bytes() == before, "the journal changed")
    }

    @Test func appUnderAFileSizeLimitKeepsRunningKeepsTheTextAndRestoresTheTerminal() throws {
        if Self.skipWithoutTmux() { return }
        let box = try Sandbox()
        try box.copySample()
        let before = box.bytes()!
        let blocks = (before.count + 1023) / 1024
        let app = try Tmux(command: "ulimit -f \(blocks); exec env --default-signal=XFSZ '\(CLI.binary.path)' -f minutes.journal",
                           directory: box.dir, width: 120, height: 40)
        try app.waitForScreen("the panel") { $0.contains("To do by next meeting") }
        try app.keys("2")
        try app.keys("n")
        let text = String(repeating: "Progress that will not fit. ", count: 50)
        try app.type(text)
        try app.keys("Enter")
        try app.waitForScreen("the error") { $0.contains("file-size limit") || $0.contains("NOT SAVED") }
        #expect(box.bytes() == before, "half an entry was written")
        #expect(try app.tmux(["display-message", "-p", "-t", "app", "#{pane_dead}"]).hasPrefix("0"), "the app died")
        // Told to stop, it keeps the text as a draft and gives the terminal back.
        kill(try Self.panePid(app), SIGTERM)
        try app.waitForExit()
        #expect(try app.tmux(["display-message", "-p", "-t", "app", "#{alternate_on}"]).hasPrefix("0"), "the terminal was left in the app's screen")
        let left = DraftStore(journalPath: box.journal.path).othersDrafts()
        #expect(left.first?.draft.text.hasPrefix("Progress that will not fit.") == true, "the typed text was lost")
        #expect(box.bytes() == before)
    }

    // Defect 9: invalid UTF-8 in an argument was stored as U+FFFD.
    @Test func invalidUTF8InAnArgumentIsAnErrorNamingIt() throws {
        let box = try Sandbox()
        try box.copySample()
        let before = box.bytes()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "exec '\(CLI.binary.path)' add note stay-safe/2 \"$(printf 'caf\\351 au lait')\" -f minutes.journal"]
        p.currentDirectoryURL = box.dir
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 2, "\(stderr)")
        #expect(stderr.contains("argument 4") && stderr.contains("caf\\x{E9} au lait") && stderr.contains("not valid UTF-8"), "\(stderr)")
        #expect(box.bytes() == before)
    }

    /// Runs git in `dir`, isolated from this machine's configuration.
    static func git(_ args: [String], in dir: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        p.arguments = args
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 { throw CLITestError.setup("git \(args.joined(separator: " ")) failed") }
    }

    // "Done when": the app stays open through a meeting while a colleague adds entries from
    // the command line, and `minutes sync` runs at the end.
    @Test func appStaysOpenWhileAColleagueAddsEntriesAndSyncRunsAtTheEnd() throws {
        if Self.skipWithoutTmux() { return }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("git is missing under CI") }
            return
        }
        let box = try Sandbox()
        let remote = box.dir.appendingPathComponent("shared.git"), work = box.dir.appendingPathComponent("work")
        try Self.git(["-c", "init.defaultBranch=main", "init", "-q", "--bare", remote.path], in: box.dir)
        try Self.git(["-c", "init.defaultBranch=main", "clone", "-q", remote.path, work.path], in: box.dir)
        try Self.git(["config", "user.name", "Minute Taker"], in: work)
        try Self.git(["config", "user.email", "taker@example.org"], in: work)
        try FileManager.default.copyItem(at: CLI.sampleJournal, to: work.appendingPathComponent("minutes.journal"))
        let env = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]
        #expect(try box.run(["sync", "-f", "work/minutes.journal"], file: nil, env: env).status == 0)

        let app = try Tmux(command: "exec '\(CLI.binary.path)' -f work/minutes.journal", directory: box.dir, width: 110, height: 40)
        try app.waitForScreen("the panel") { $0.contains("To do by next meeting") }
        try app.keys("2")
        let added = try box.run(["add", "note", "stay-safe/2", "Colleague adds this"], file: "work/minutes.journal")
        #expect(added.status == 0, "\(added.stderr)")
        try app.waitForScreen("the colleague's note", seconds: 3) { $0.contains("Colleague adds this") }
        let synced = try box.run(["sync", "-f", "work/minutes.journal"], file: nil, env: env)
        #expect(synced.status == 0, "\(synced.stderr)")
        #expect(synced.stdout.contains("committed"), "\(synced.stdout)")
        // The app is still writable after the sync replaced the file.
        try app.keys("t")
        try app.type("RO to circulate the minutes")
        try app.keys("Enter")
        try app.waitForScreen("the app's follow-up") { $0.contains("Follow-up recorded for RO") }
        try app.keys("q")
        try app.waitForExit()
        #expect(try box.run(["sync", "-f", "work/minutes.journal"], file: nil, env: env).status == 0)
        let clone = box.dir.appendingPathComponent("check")
        try Self.git(["clone", "-q", remote.path, clone.path], in: box.dir)
        let pushed = String(decoding: FileManager.default.contents(atPath: clone.appendingPathComponent("minutes.journal").path) ?? Data(), as: UTF8.self)
        #expect(pushed.contains("Colleague adds this") && pushed.contains("circulate the minutes"))
    }
}
