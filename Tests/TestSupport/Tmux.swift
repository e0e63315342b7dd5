import Foundation

/// A private tmux server (its socket in the test's scratch folder) running the app, for
/// tests that drive the full-screen app as a person would: send keys, read the screen, never
/// sleep a fixed time (every wait polls the screen until a deadline).
///
/// Shared by the TUI and CLI test targets: the one tmux driver of the project.
public final class Tmux {
    public static let executable: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/tmux"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()
    public static var isAvailable: Bool { executable != nil }
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    public let socket: String
    public let directory: URL
    private var stopped = false

    public init(directory: URL) throws {
        guard Tmux.isAvailable else { throw TmuxError("tmux is not installed") }
        self.directory = directory
        // One server per driver, even for drivers sharing a folder (two apps on one journal).
        socket = directory.appendingPathComponent("tmux-\(UUID().uuidString.prefix(6)).sock").path
    }

    /// Starts `command` (run by /bin/sh in `directory`) in a detached session "app" at a
    /// fixed size; the pane stays when it ends (see `waitForExit`).
    public convenience init(command: String, directory: URL, width: Int, height: Int, term: String = "screen-256color") throws {
        try self.init(directory: directory)
        let r = run(["new-session", "-d", "-s", "app", "-x", "\(width)", "-y", "\(height)", "-c", directory.path,
                     "-e", "LANG=C.UTF-8", "-e", "TERM=\(term)", "-e", "XDG_CACHE_HOME=\(directory.path)/cache",
                     command, ";", "set-option", "-t", "app", "remain-on-exit", "on"])
        guard r.status == 0 else { throw TmuxError("tmux new-session failed with status \(r.status)") }
    }

    deinit { stop() }

    /// Runs a tmux command; returns its status and, when `capture` is set, what it printed.
    /// Only commands sent to a running server capture: the server that `new-session` starts
    /// would inherit the pipe and keep it open for ever.
    @discardableResult
    public func run(_ args: [String], capture: Bool = false) -> (status: Int32, output: String) {
        var env = ProcessInfo.processInfo.environment
        env["TMUX"] = nil
        env["TMUX_TMPDIR"] = directory.path
        return Subprocess.run([Tmux.executable!, "-S", socket, "-f", "/dev/null"] + args, environment: env, capture: capture)
    }

    /// Runs a tmux command and returns what it printed (nothing when `readOutput` is false).
    @discardableResult
    public func tmux(_ args: [String], readOutput: Bool = true) throws -> String { run(args, capture: readOutput).output }

    /// Starts `binary arguments…` in a new detached session at a fixed size; the pane stays
    /// after the app ends and shows "[minutes exited with N]".
    public func start(_ binary: String, _ arguments: String..., width: Int, height: Int, session: String = "app") throws {
        try start(binary, arguments: arguments, width: width, height: height, session: session)
    }

    public func start(_ binary: String, arguments: [String], width: Int, height: Int, session: String = "app") throws {
        let command = ([binary] + arguments).map(Tmux.quote).joined(separator: " ")
            + "; echo \"[minutes exited with $?]\"; exec sleep 30"  // tmux may clear a dead pane: keep it a while
        let r = run(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)",
                     "-e", "LANG=C.UTF-8", "-e", "LC_ALL=C.UTF-8", "-e", "XDG_CACHE_HOME=\(directory.path)",
                     "/bin/sh", "-c", command, ";", "set-option", "-t", session, "remain-on-exit", "on"])
        guard r.status == 0 else { throw TmuxError("tmux new-session failed with status \(r.status)") }
    }

    /// Sends keys by tmux name ("Enter", "C-u", "BTab", "Up", "M-Enter") or single characters.
    public func send(_ keys: String..., session: String = "app") {
        sendKeys(keys, session: session)
    }

    public func keys(_ keys: String...) throws { sendKeys(keys, session: "app") }

    /// The screen before keys whose effect `type` must wait for (see there).
    private var screenBeforeKeys: [String: String] = [:]

    private func sendKeys(_ keys: [String], session: String) {
        let before = capture(session: session)
        if screenBeforeKeys[session] == nil { screenBeforeKeys[session] = before }
        run(["send-keys", "-t", session] + keys)
        // A key sent within the terminal's Escape delay (25 ms) after Escape would arrive as
        // Alt-key: wait until the app has taken the Escape in (the screen changed), at most 1 s.
        if keys.last == "Escape" { _ = waitForChange(from: before, session: session, seconds: 1) }
    }

    /// Polls until the screen differs from `before` (true) or the deadline passes (false).
    private func waitForChange(from before: String, session: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var pause: useconds_t = 1_000
        while Date() < deadline {
            if capture(session: session) != before { return true }
            usleep(pause)  // a poll interval; the deadline bounds the wait
            pause = min(pause * 2, 20_000)
        }
        return false
    }

    /// Types text literally (UTF-8 as is) as one burst, as a paste or a fast typist does.
    ///
    /// Text arriving all at once with keys sent just before it would be read as one paste
    /// (the app's unbracketed-paste rule), so this first waits for the keys sent since the
    /// last `type` to show on screen, then sends the text and waits until the app has taken
    /// it in (the screen changed), so that a key sent next is not read as part of it. Throws
    /// when the text never shows.
    public func type(_ text: String, session: String = "app") throws {
        if let before = screenBeforeKeys.removeValue(forKey: session) {
            _ = waitForChange(from: before, session: session, seconds: 2)
        }
        let before = capture(session: session)
        run(["send-keys", "-t", session, "-l", "--", text])  // "--": text may start with "-"
        guard waitForChange(from: before, session: session, seconds: 10) else {
            throw TmuxError("the typed text “\(text)” never showed; the screen was:\n\(capture(session: session))")
        }
    }

    /// Puts text in a tmux buffer and pastes it into the pane, bracketed (`-p`) or not, as a
    /// terminal that does not bracket pastes (or ssh) would deliver it.
    public func paste(_ text: String, bracketed: Bool, session: String = "app") {
        run(["set-buffer", "-b", "test", "--", text])
        run(["paste-buffer", "-b", "test", "-t", session] + (bracketed ? ["-p"] : []))
    }

    public func resize(width: Int, height: Int, session: String = "app") {
        run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    public func capture(session: String = "app") -> String {
        run(["capture-pane", "-p", "-t", session], capture: true).output
    }

    public func screen() throws -> String { capture() }

    /// Copies every byte the program writes to the pane into `file` from now on.
    public func recordOutput(to file: URL) throws {
        run(["pipe-pane", "-o", "-t", "app", "cat >> '\(file.path)'"])
    }

    /// Polls the screen until it shows `text` (and, when given, has `lines` rows), or fails
    /// after the deadline with the last screen.
    @discardableResult
    public func waitFor(_ text: String, lines: Int? = nil, session: String = "app", timeout: TimeInterval = 30) throws -> String {
        try waitForScreen("“\(text)”\(lines.map { " on \($0) rows" } ?? "")", seconds: timeout, session: session) { screen in
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            return screen.contains(text) && (lines.map { $0 == rows } ?? true)
        }
    }

    /// Polls the screen until `condition` holds or `seconds` pass; returns the screen.
    @discardableResult
    public func waitForScreen(_ what: String, seconds: Double = 30, session: String = "app",
                              _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        var pause: useconds_t = 2_000
        while Date() < deadline {
            screen = capture(session: session)
            // Return a settled screen: tmux may have taken in only part of a frame, so the text
            // is there but the rest the test then reads is not yet; the same screen twice is whole.
            if condition(screen) {
                let again = capture(session: session)
                if again == screen { return screen }
                // A pane whose program ended may be cleared as it dies: what was seen stands.
                if !condition(again), isDead(session: session) { return screen }
                continue
            }
            usleep(pause)  // a poll interval, not a wait for the app: the deadline bounds the wait
            pause = min(pause * 2, 50_000)
        }
        throw TmuxError("timed out waiting for \(what); the screen was:\n\(screen)")
    }

    public func isDead(session: String = "app") -> Bool {
        run(["display-message", "-p", "-t", session, "#{pane_dead}"], capture: true).output.hasPrefix("1")
    }

    public func waitForExit(seconds: Double = 30, session: String = "app") throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if capture(session: session).isEmpty == false,
               run(["display-message", "-p", "-t", session, "#{pane_dead}"], capture: true).output.hasPrefix("1") { return }
            usleep(20_000)
        }
        throw TmuxError("timed out waiting for the program to exit; the screen was:\n\(capture(session: session))")
    }

    /// Ends the sessions, then the server. (kill-server alone can leave the server waiting on
    /// an app that is restoring a terminal nobody reads any more after its SIGHUP.)
    public func stop() {
        guard !stopped else { return }
        stopped = true
        let sessions = run(["list-sessions", "-F", "#{session_name}"], capture: true).output
        for session in sessions.split(separator: "\n") { run(["kill-session", "-t", String(session)]) }
        run(["kill-server"])
    }

    public static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

public struct TmuxError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}
