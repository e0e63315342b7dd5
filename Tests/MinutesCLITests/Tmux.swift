import Foundation

/// A private tmux server running one program in a pane of fixed size, for tests that drive
/// the full-screen app as a person would: type keys, read the screen, never sleep a fixed time.
final class Tmux {
    let socket = "minutes-test-\(UUID().uuidString.prefix(8))"

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Starts `command` (run by /bin/sh in `directory`) in a detached session.
    init(command: String, directory: URL, width: Int, height: Int, term: String = "screen-256color") throws {
        // The server this starts would inherit a pipe on standard output and keep it open for
        // ever, so nothing is read from this one.
        try tmux(["new-session", "-d", "-s", "app", "-x", "\(width)", "-y", "\(height)", "-c", directory.path,
                  "-e", "LANG=C.UTF-8", "-e", "TERM=\(term)", "-e", "XDG_CACHE_HOME=\(directory.path)/cache", command],
                 readOutput: false)
        try tmux(["set-option", "-t", "app", "remain-on-exit", "on"], readOutput: false)
    }

    deinit { _ = try? tmux(["kill-server"], readOutput: false) }

    @discardableResult
    func tmux(_ args: [String], readOutput: Bool = true) throws -> String {
        try Spawn.run("/usr/bin/tmux", ["-L", socket] + args, captureOutput: readOutput)
    }

    func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", "app"] + keys, readOutput: false) }
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "app", "-l", text], readOutput: false) }
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "app"]) }

    /// Copies every byte the program writes to the pane into `file` from now on.
    func recordOutput(to file: URL) throws {
        try tmux(["pipe-pane", "-o", "-t", "app", "cat >> '\(file.path)'"], readOutput: false)
    }

    /// Polls the screen until `condition` holds or `seconds` pass; returns the last screen.
    @discardableResult
    func waitForScreen(_ what: String, seconds: Double = 10, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            _ = poll(nil, 0, 20)  // yield the CPU briefly between polls; the deadline decides
        }
        throw TmuxError.timeout(what, last)
    }

    func waitForExit(seconds: Double = 10) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try tmux(["display-message", "-p", "-t", "app", "#{pane_dead}"]).hasPrefix("1") { return }
            _ = poll(nil, 0, 20)
        }
        throw TmuxError.timeout("the program to exit", try screen())
    }
}

enum TmuxError: Error, CustomStringConvertible {
    case timeout(String, String)
    var description: String {
        switch self { case .timeout(let what, let screen): return "timed out waiting for \(what); the screen was:\n\(screen)" }
    }
}

/// Runs a program and waits for it with `posix_spawn` and `waitpid`.
///
/// Not Foundation's `Process`: it notices the child's exit through a descriptor the child
/// inherits, and the tmux server, which the first tmux command starts as a daemon, keeps
/// that descriptor open for ever, so `waitUntilExit` would never return. Here the child
/// starts with only its three standard descriptors, so no daemon holds anything of ours.
enum Spawn {
    static func run(_ path: String, _ args: [String], captureOutput: Bool) throws -> String {
        var fds: [Int32] = [-1, -1]
        if captureOutput {
            guard pipe(&fds) == 0 else { throw SpawnError.failed(errno) }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if captureOutput {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for fd in openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        // The test runner blocks some signals on its threads, and a blocked mask is inherited:
        // start the child with none blocked and default handlers, as a shell would.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGHUP, SIGINT, SIGTERM, SIGQUIT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([path] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        if captureOutput { close(fds[1]) }
        guard rc == 0 else {
            if captureOutput { close(fds[0]) }
            throw SpawnError.failed(rc)
        }
        var output: [UInt8] = []
        if captureOutput {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fds[0], &buffer, buffer.count)
                if n > 0 { output += buffer[0..<n] } else if n < 0 && errno == EINTR { continue } else { break }
            }
            close(fds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return String(decoding: output, as: UTF8.self)
    }

    /// The descriptors open in this process, from /proc/self/fd.
    static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }
}

enum SpawnError: Error { case failed(Int32) }
