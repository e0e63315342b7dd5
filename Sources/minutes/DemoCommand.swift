import ArgumentParser
import Foundation
import MinutesCore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Try minutes on a scratch copy of the bundled sample journal.",
        discussion: """
            Copies data/sample.journal to a new folder under $XDG_CACHE_HOME/minutes-demo \
            (or ~/.cache/minutes-demo), says where, and shows it. The sample itself is never \
            changed; use the printed path with -f to try the other commands.
            """)

    func run() throws {
        let source = try DemoJournal.findSample()
        let copy = try DemoJournal.makeScratchCopy(of: source)
        Output.line("Demo journal: \(copy)")
        Output.line("(a scratch copy of \(source); try: minutes todo -f \(copy))")
        Output.line()
        try present(copy)
    }

    /// Opens the copy in the full-screen app; without a terminal (a pipe, a script), prints
    /// it as text instead.
    func present(_ path: String) throws {
        if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            let status = try AppLauncher.run(path: path)
            Output.line("The demo journal is still at \(path) (open it again with: minutes -f \(path))")
            if status != 0 { throw ExitCode(status) }
            return
        }
        let show = try ShowCommand.parse(["-f", path])
        try show.run()
    }
}

/// Finding the bundled sample and making a private scratch copy of it.
enum DemoJournal {
    /// data/sample.journal next to this source tree (found at compile time), else in the
    /// current directory.
    static func findSample(filePath: String = #filePath) throws -> String {
        let root = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()  // Sources/minutes
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // package root
        let candidates = [
            root.appendingPathComponent("data/sample.journal").path,
            FileManager.default.currentDirectoryPath + "/data/sample.journal",
        ]
        for c in candidates where FileManager.default.isReadableFile(atPath: c) { return c }
        throw CLIError.data("cannot find the sample journal (looked for \(candidates.joined(separator: " and ")))")
    }

    /// The folder demo copies go in: `$XDG_CACHE_HOME/minutes-demo`, else `~/.cache/minutes-demo`.
    static func demoRoot() -> URL {
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("minutes-demo")
        }
        return FileManager.default.homeDirectoryForCurrentUser
            .appendingPathComponent(".cache").appendingPathComponent("minutes-demo")
    }

    /// Copies `source` to `<demo root>/<timestamp>/sample.journal`: folders 0700, file 0600.
    static func makeScratchCopy(of source: String) throws -> String {
        let fm = FileManager.default
        let root = demoRoot()
        do {
            try fm.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CLIError.data("cannot create \(root.path): \(error.localizedDescription)")
        }
        let stamp = Timestamp.now().iso.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: ".", with: "-")
        var folder = root.appendingPathComponent(stamp)
        var n = 1
        while mkdir(folder.path, 0o700) != 0 {
            guard errno == EEXIST, n < 100 else {
                throw CLIError.data("cannot create \(folder.path): \(String(cString: strerror(errno)))")
            }
            n += 1
            folder = root.appendingPathComponent("\(stamp)-\(n)")
        }
        let target = folder.appendingPathComponent("sample.journal").path
        guard let data = fm.contents(atPath: source) else { throw CLIError.data("cannot read \(source)") }
        guard fm.createFile(atPath: target, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CLIError.data("cannot write \(target)")
        }
        return target
    }
}
