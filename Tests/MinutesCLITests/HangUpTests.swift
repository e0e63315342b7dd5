import Foundation
import TestSupport
import Testing
import MinutesCore

/// Closing the terminal, SIGTERM or SIGINT while text is half-typed: the text is kept as a
/// private draft and offered back next time, the app exits within 2 seconds, and the
/// journal is untouched.
@Suite("Hang-ups and signals keep half-typed text", .serialized)
struct HangUpTests {
    enum Stop: String, CaseIterable {
        case hangup, terminate, interrupt, killPane
    }

    /// Whether a process is alive: it exists and is not a zombie waiting for tmux to reap it.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    @Test(arguments: Stop.allCases)
    func halfTypedTextSurvivesAndComesBack(stop: Stop) throws {
        guard Tmux.isAvailable else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("tmux is missing under CI") }
            return
        }
        let box = try Sandbox()
        try box.copySample()
        let before = box.bytes()
        let command = "exec '\(CLI.binary.path)' -f minutes.journal"
        var tmux: Tmux? = try Tmux(command: command, directory: box.dir, width: 100, height: 30)
        try tmux!.waitForScreen("the panel") { $0.contains("To do by next meeting") }
        let pid = pid_t(try tmux!.tmux(["display-message", "-p", "-t", "app", "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines))!
        try tmux!.keys("2")
        try tmux!.keys("t")
        try tmux!.type("AT to check the hall booking for Octo")
        try tmux!.waitForScreen("the typed text") { $0.contains("hall booking for Octo") }

        let stopped = Date()
        switch stop {
        case .hangup: kill(pid, SIGHUP)
        case .terminate: kill(pid, SIGTERM)
        case .interrupt: kill(pid, SIGINT)
        case .killPane: try tmux!.tmux(["kill-pane", "-t", "app"], readOutput: false)
        }
        while Self.isRunning(pid), Date().timeIntervalSince(stopped) < 5 { _ = poll(nil, 0, 10) }
        let took = Date().timeIntervalSince(stopped)
        #expect(!Self.isRunning(pid), "the app is still running")
        #expect(took < 2, "the app took \(took) s to exit")
        tmux = nil

        // The draft is a private file of that app's own, holding the text; the journal is unchanged.
        let left = DraftStore(journalPath: box.journal.path).othersDrafts()
        #expect(left.count == 1, "no draft was saved")
        let draftPath = left.first?.path ?? box.journal.path + ".draft-"
        var st = stat()
        #expect(lstat(draftPath, &st) == 0, "no draft was saved")
        #expect(st.st_mode & 0o777 == 0o600)
        #expect(left.first?.isLeftBehind == true)
        let draft = left.first?.draft
        #expect(draft?.text == "AT to check the hall booking for Octo")
        #expect(draft?.context == "todo stay-safe/2")
        #expect(box.bytes() == before)

        // Opened again, the text is back on the input line, in its project, ready to finish.
        let again = try Tmux(command: command, directory: box.dir, width: 100, height: 30)
        try again.waitForScreen("the restored draft") { $0.contains("Follow-up › AT to check the hall booking for Octo") }
        try again.type("ber")
        try again.keys("Enter")
        try again.waitForScreen("the follow-up") { $0.contains("Follow-up recorded for AT") }
        try again.keys("q")
        try again.waitForExit()
        let journal = String(decoding: box.bytes() ?? Data(), as: UTF8.self)
        #expect(journal.contains("owner=AT text=\"check the hall booking for October\""))
        #expect(!FileManager.default.fileExists(atPath: draftPath), "the draft is cleared once recorded")
        #expect(DraftStore(journalPath: box.journal.path).othersDrafts().isEmpty, "no draft file is left")
    }
}
