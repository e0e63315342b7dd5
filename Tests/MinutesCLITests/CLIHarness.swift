import Foundation
import Testing

/// Runs the built `minutes` binary as a subprocess, each test in its own private folder.
///
/// The test target depends only on MinutesCore, so `swift test` may not have built the
/// executable: the first test to need it builds it (once, for the whole run) when it is
/// missing or older than the sources.
enum CLI {
    /// The package root: three levels up from this file.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary: URL = packageRoot.appendingPathComponent(".build/debug/minutes")

    static let sampleJournal: URL = packageRoot.appendingPathComponent("data/sample.journal")

    /// Nil when the binary is ready; otherwise why it is not. A static `let` is
    /// initialised exactly once, under the runtime's own lock, however many tests ask.
    static let buildProblem: String? = {
        if isFresh() { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // `swift test` may still hold the build folder's lock while tests run; the build
        // it did is finished by then, so this one can go ahead.
        p.arguments = ["swift", "build", "--product", "minutes", "--ignore-lock"]
        p.currentDirectoryURL = packageRoot
        let log = packageRoot.appendingPathComponent(".build/test-tmp-build.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        guard let out = try? FileHandle(forWritingTo: log) else { return "cannot write \(log.path)" }
        p.standardOutput = out
        p.standardError = out
        do { try p.run() } catch { return "cannot run swift build: \(error)" }
        p.waitUntilExit()
        try? out.close()
        // A successful build is up to date even when it had nothing to relink (a source
        // touched but unchanged leaves the binary's date as it was).
        return p.terminationStatus == 0 ? nil : "swift build --product minutes failed; see \(log.path)"
    }()

    /// Whether the binary exists and is newer than every source file it is built from.
    static func isFresh() -> Bool {
        guard let built = modified(binary) else { return false }
        let fm = FileManager.default
        for dir in ["Sources/minutes", "Sources/MinutesCore", "Sources/MinutesExport", "Sources/MinutesTUI", "Sources/MinutesImport"] {
            let folder = packageRoot.appendingPathComponent(dir)
            guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names where name.hasSuffix(".swift") {
                if let m = modified(folder.appendingPathComponent(name)), m > built { return false }
            }
        }
        return true
    }

    static func modified(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }

    /// Fails the test (instead of running a stale binary) when the binary cannot be built.
    static func requireBinary() throws {
        if let problem = buildProblem {
            Issue.record(Comment(rawValue: problem))
            throw CLITestError.binaryUnavailable
        }
    }
}

enum CLITestError: Error { case binaryUnavailable, setup(String) }

/// What one run printed and how it ended.
struct RunResult: CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String

    var stderrLines: [Substring] { stderr.split(separator: "\n") }

    var description: String { "status \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// A private folder under `.build/test-tmp/` (never /tmp), mode 0700, removed afterwards.
final class Sandbox {
    let dir: URL

    /// The journal commands use by default here (`-f` is passed explicitly by `run`).
    var journal: URL { dir.appendingPathComponent("minutes.journal") }

    init() throws {
        try CLI.requireBinary()
        let fm = FileManager.default
        let base = CLI.packageRoot.appendingPathComponent(".build/test-tmp")
        try fm.createDirectory(at: base, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(base.path, 0o700)
        dir = base.appendingPathComponent(UUID().uuidString)
        guard mkdir(dir.path, 0o700) == 0 else { throw CLITestError.setup("cannot create \(dir.path)") }
    }

    deinit {
        chmod(journal.path, 0o600)
        try? FileManager.default.removeItem(at: dir)
    }

    /// Runs `minutes ARGS` in the sandbox, with `-f <sandbox journal>` unless `file` is nil.
    @discardableResult
    func run(_ args: [String], file: String? = "minutes.journal", env: [String: String] = [:]) throws -> RunResult {
        var full = args
        if let file { full += ["-f", file] }
        return try runRaw(full, env: env)
    }

    /// Runs `minutes ARGS` exactly as given.
    func runRaw(_ args: [String], env: [String: String] = [:]) throws -> RunResult {
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = args
        p.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "MINUTES_FILE")
        environment["XDG_CACHE_HOME"] = dir.appendingPathComponent("cache").path
        environment["LANG"] = "C.UTF-8"
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let id = UUID().uuidString
        let outURL = dir.appendingPathComponent(".out-\(id)"), errURL = dir.appendingPathComponent(".err-\(id)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try out.close()
        try err.close()
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        return RunResult(
            status: p.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Writes a file in the sandbox.
    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: dir.appendingPathComponent(name))
    }

    func bytes(_ name: String = "minutes.journal") -> Data? {
        FileManager.default.contents(atPath: dir.appendingPathComponent(name).path)
    }

    /// Copies the bundled sample in as `name`.
    func copySample(as name: String = "minutes.journal") throws {
        try FileManager.default.copyItem(at: CLI.sampleJournal, to: dir.appendingPathComponent(name))
    }
}

/// A small journal with known ids, for error paths: two people, one group with two
/// projects and a meeting, and follow-ups whose ids share prefixes.
enum Fixture {
    static let journal = """
        minutes-journal 1
        2009-05-01T09:00:00.000Z kkkk00000001 person initials=KP name="Kim Parker" org=Police
        2009-05-01T09:01:00.000Z kkkk00000002 person initials=DD name="Dee Dee"
        2009-05-01T09:02:00.000Z kkkk00000003 group slug=be-safe name="Be Safe Working Group" lead=KP
        2009-05-01T09:03:00.000Z kkkk00000004 project group=be-safe number=1 headline="Headline one"
        2009-05-01T09:04:00.000Z kkkk00000005 project group=be-safe number=2 headline="Headline two"
        2009-05-15T09:00:00.000Z kkkk00000006 meeting group=be-safe date=2009-05-15 present=KP present=DD
        2009-05-15T09:01:00.000Z aaaa00000001 todo project=be-safe/2 meeting=2009-05-15 owner=KP text="adjust and e-mail organisation"
        2009-05-15T09:02:00.000Z aaaa00000002 todo project=be-safe/2 meeting=2009-05-15 owner=DD text="phone the council"
        2009-05-15T09:03:00.000Z aaab00000003 note project=be-safe/2 meeting=2009-05-15 text="Template agreed"
        2009-05-15T09:04:00.000Z cccc00000004 todo project=be-safe/1 meeting=2009-05-15 owner=DD text="book a hall"
        2009-05-15T09:05:00.000Z dddd00000005 done ref=cccc00000004 meeting=2009-05-15 outcome="Booked"

        """
}
