import Foundation

/// A private tmux server running one program in a pane of fixed size, for tests that drive
/// the full-screen app as a person would: type keys, read the screen, never sleep a fixed time.
final class Tmux {
    let socket = "minutes-test-\(UUID().uuidString.prefix(8))"

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Starts `command` (run by /bin/sh in `directory`) in a detached session.
    init(command: String, directory: URL, width: Int, height: Int, term: String = "screen-256color") throws {
        try tmux(["new-session", "-d", "-s", "app", "-x", "\(width)", "-y", "\(height)", "-c", directory.path,
                  "-e", "LANG=C.UTF-8", "-e", "TERM=\(term)", "-e", "XDG_CACHE_HOME=\(directory.path)/cache", command])
        try tmux(["set-option", "-t", "app", "remain-on-exit", "on"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        p.arguments = ["-L", socket] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", "app"] + keys) }
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "app", "-l", text]) }
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "app"]) }

    /// Copies every byte the program writes to the pane into `file` from now on.
    func recordOutput(to file: URL) throws {
        try tmux(["pipe-pane", "-o", "-t", "app", "cat >> '\(file.path)'"])
    }

    /// Polls the screen until `condition` holds or `seconds` pass; returns the last screen.
    @discardableResult
    func waitForScreen(seconds: Double = 10, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            _ = poll(nil, 0, 20)  // yield the CPU briefly between polls; the deadline decides
        }
        throw TmuxError.timeout(last)
    }

    func waitForExit(seconds: Double = 10) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try tmux(["display-message", "-p", "-t", "app", "#{pane_dead}"]).hasPrefix("1") { return }
            _ = poll(nil, 0, 20)
        }
        throw TmuxError.timeout(try screen())
    }
}

enum TmuxError: Error, CustomStringConvertible {
    case timeout(String)
    var description: String {
        switch self { case .timeout(let screen): return "timed out waiting; the screen was:\n\(screen)" }
    }
}
