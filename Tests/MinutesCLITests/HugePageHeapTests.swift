import Foundation
import TestSupport
import Testing
@testable import MinutesCore

/// The app replays a large journal onto huge pages (`ReplayHeap`) and leaves a small one's
/// heap as it was: read from the running app's /proc/PID/smaps, where the kernel shows each
/// part of the heap with its flags (`hg`: marked for huge pages).
@Suite(.serialized) struct HugePageHeapTests {
    /// Whether this machine gives huge pages to memory that asks (Linux, "always" or "madvise").
    static var hugePagesOnRequest: Bool {
        guard let mode = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
        else { return false }
        return mode.contains("[always]") || mode.contains("[madvise]")
    }

    @Test(.enabled(if: hugePagesOnRequest), arguments: [true, false])
    func theAppsHeapIsMarkedForHugePagesOnlyForALargeJournal(large: Bool) throws {
        guard let app = try RunningApp(large: large) else { return }
        let heapFlags = try Self.heapFlags(of: app.pid)
        #expect(!heapFlags.isEmpty, "the app's heap is in /proc/\(app.pid)/smaps")
        #expect(heapFlags.contains { $0.contains("hg") } == large, "\(heapFlags)")
        try app.quit()
    }

    /// The padding is comments, so the large journal holds the sample's events: replayed on the
    /// prepared heap, the app shows exactly what it shows for the sample.
    @Test func aLargeJournalOnHugePagesShowsWhatTheSameEventsShowOtherwise() throws {
        guard let large = try RunningApp(large: true), let small = try RunningApp(large: false) else { return }
        #expect(try large.tmux.screen() == small.tmux.screen())
        try large.quit()
        try small.quit()
    }

    /// The app in tmux at 80×24 on the sample journal, or on the sample with comment lines
    /// after it that take it past the size that prepares the heap; nil (the test passes) where
    /// tmux is missing outside CI.
    struct RunningApp {
        let box: Sandbox
        let tmux: Tmux
        let pid: String

        init?(large: Bool) throws {
            try CLI.requireBinary()
            guard Tmux.isAvailable else {
                if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("tmux is missing under CI") }
                return nil
            }
            box = try Sandbox()
            try box.copySample()
            if large {
                let padding = "# " + String(repeating: "filler ", count: 1_000) + "\n"
                let handle = try FileHandle(forWritingTo: box.journal)
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(String(repeating: padding, count: ReplayHeap.minimumFileSize / padding.utf8.count + 1).utf8))
                try handle.close()
            }
            // `exec`, so that the pane's process is the app itself.
            tmux = try Tmux(command: "exec '\(CLI.binary.path)' -f minutes.journal", directory: box.dir, width: 80, height: 24)
            try tmux.waitForScreen("the panel") { $0.contains("Actions required") }
            pid = try tmux.tmux(["display-message", "-p", "-t", "app", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func quit() throws {
            try tmux.keys("q")
            try tmux.waitForExit()
        }
    }

    /// The flags of each mapping of the process's heap (the `[heap]` lines of its smaps).
    static func heapFlags(of pid: String) throws -> [[Substring]] {
        // Read to the end: a /proc file reports size 0, and a read by size stops at one page.
        guard let file = FileHandle(forReadingAtPath: "/proc/\(pid)/smaps") else { return [] }
        defer { try? file.close() }
        let smaps = String(decoding: try file.readToEnd() ?? Data(), as: UTF8.self)
        var inHeap = false
        var flags: [[Substring]] = []
        for line in smaps.split(separator: "\n") {
            if line.first?.isHexDigit == true, line.contains("-") {
                inHeap = line.hasSuffix("[heap]")
            } else if inHeap, line.hasPrefix("VmFlags:") {
                flags.append(line.dropFirst("VmFlags:".count).split(separator: " "))
            }
        }
        return flags
    }
}
