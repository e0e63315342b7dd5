import Foundation
@testable import MinutesCore
import Testing

/// The built `minutes` binary, for tests that run it as a child process.
enum RelBinary {
    /// The line the root command needs so these tests can run the hidden helper.
    static let registration = "add AppendLoopCommand.self (and RepairCommand.self, SyncCommand.self) to the root command's subcommands"

    /// The products folder this test binary was built into (so a release test run uses the release binary).
    static var productsFolder: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        let folder = (exe as NSString).deletingLastPathComponent
        if FileManager.default.isExecutableFile(atPath: folder + "/minutes") { return folder }
        return RelTemp.packageRoot + "/.build/debug"
    }

    /// The newest modification time of the sources the binary is built from.
    static func newestSource() -> Int {
        var newest = 0
        for target in ["minutes", "MinutesCore", "MinutesExport", "MinutesTUI"] {
            let dir = RelTemp.packageRoot + "/Sources/" + target
            for name in FileManager.default.enumerator(atPath: dir)?.compactMap({ $0 as? String }) ?? [] where name.hasSuffix(".swift") {
                var st = stat()
                if stat(dir + "/" + name, &st) == 0 { newest = max(newest, Int(st.st_mtim.tv_sec)) }
            }
        }
        return newest
    }

    static func modified(_ path: String) -> Int? {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_mtim.tv_sec) : nil
    }

    /// Whether `pid` is this process or one of its ancestors (SwiftPM running these tests).
    static func isAncestor(_ pid: Int32) -> Bool {
        var current = getpid()
        for _ in 0..<64 where current > 1 {
            if current == pid { return true }
            guard let stat = try? String(contentsOfFile: "/proc/\(current)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, let parent = Int32(fields[1]) else { return false }
            current = parent
        }
        return false
    }

    /// The `minutes` binary, built first (once, behind a lock) when missing or older than its sources.
    static func path() throws -> String { try resolved.get() }

    private static let resolved: Result<String, Error> = Result { try build() }

    private static func build() throws -> String {
        let binary = productsFolder + "/minutes"
        if let built = modified(binary), built >= newestSource() { return binary }
        let lockPath = RelTemp.root + "/minutes-build"
        _ = try RelTemp("build-lock")  // makes sure the test folder exists, 0700
        let lock = try JournalLock.acquire(journal: lockPath, wait: .seconds(900), program: "minutes tests building minutes")
        defer { lock.release() }
        if let built = modified(binary), built >= newestSource() { return binary }
        // `swift test` compiles the executable's module but does not link the executable, and
        // keeps the build folder locked while the tests run: link it past that lock (SwiftPM is
        // only waiting for us), once, behind our own lock.
        var args = ["build", "--product", "minutes"]
        if productsFolder.hasSuffix("/release") { args += ["-c", "release"] }
        if let text = try? String(contentsOfFile: RelTemp.packageRoot + "/.build/.lock", encoding: .utf8),
           let owner = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), isAncestor(owner) {
            args.append("--ignore-lock")
        }
        let swift = ProcessInfo.processInfo.environment["PATH"].flatMap { path in
            path.split(separator: ":").map { String($0) + "/swift" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        guard let swift else { throw RelBinaryError("\(binary) is missing and swift is not on PATH to build it") }
        let build = try RelChild(swift, args, directory: RelTemp.packageRoot)
        let (status, out, err) = try build.finish(timeout: .seconds(900))
        guard status == 0, FileManager.default.isExecutableFile(atPath: binary) else {
            throw RelBinaryError("swift \(args.joined(separator: " ")) failed (\(status)): \(out)\(err)")
        }
        return binary
    }
}

struct RelBinaryError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// A child process with its output read through pipes, without Foundation's buffering.
final class RelChild {
    let pid: Int32
    private let process: Process
    private let outFD: Int32
    private let errFD: Int32
    private var outBuffer: [UInt8] = []
    private var errBuffer: [UInt8] = []
    private var outOpen = true, errOpen = true
    private let outPipe = Pipe(), errPipe = Pipe()

    init(_ executable: String, _ args: [String], directory: String? = nil) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = args
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        pid = process.processIdentifier
        outFD = outPipe.fileHandleForReading.fileDescriptor
        errFD = errPipe.fileHandleForReading.fileDescriptor
    }

    /// Reads whatever arrives within `timeout` (returns early once something arrived on stdout).
    /// Returns false when both pipes are closed.
    @discardableResult
    func pump(timeout: Duration) -> Bool {
        var fds: [pollfd] = []
        if outOpen { fds.append(pollfd(fd: outFD, events: Int16(POLLIN), revents: 0)) }
        if errOpen { fds.append(pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)) }
        guard !fds.isEmpty else { return false }
        let ms = Int32(max(0, min(Double(Int32.max), timeout / .milliseconds(1))))
        let ready = poll(&fds, nfds_t(fds.count), ms)
        guard ready > 0 else { return true }
        var chunk = [UInt8](repeating: 0, count: 65536)
        for f in fds where f.revents != 0 {
            let n = chunk.withUnsafeMutableBytes { read(f.fd, $0.baseAddress, $0.count) }
            if n > 0 {
                if f.fd == outFD { outBuffer += chunk[0..<n] } else { errBuffer += chunk[0..<n] }
            } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                if f.fd == outFD { outOpen = false } else { errOpen = false }
            }
        }
        return outOpen || errOpen
    }

    /// Complete lines seen on stdout so far (a partial last line stays buffered).
    func takeLines() -> [String] {
        guard let last = outBuffer.lastIndex(of: 10) else { return [] }
        let lines = outBuffer[...last].split(separator: 10).map { String(decoding: $0, as: UTF8.self) }
        outBuffer.removeSubrange(...last)
        return lines
    }

    var stderrText: String { String(decoding: errBuffer, as: UTF8.self) }

    func kill(_ signal: Int32 = SIGKILL) { _ = Glibc.kill(pid, signal) }

    /// Reads until both pipes close, then waits for the exit: (status, stdout rest, stderr).
    func finish(timeout: Duration = .seconds(60)) throws -> (Int32, String, String) {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while pump(timeout: .milliseconds(200)) {
            if clock.now >= deadline {
                kill()
                throw RelBinaryError("child \(pid) did not finish within \(timeout)")
            }
        }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outBuffer, as: UTF8.self), stderrText)
    }
}

@Suite("Crash: SIGKILL while appending", .serialized)
struct CrashTests {
    /// A child appends entries (`minutes _append-loop`) and is killed with SIGKILL at a random
    /// moment, again and again on the same journal. Every entry whose append returned (its id
    /// was printed) must be in the journal; at most the last line may be torn, and replay must
    /// say so with its line number; repair moves it aside and the next child goes on.
    @Test func killedWriterLosesNothingItAcknowledged() throws {
        let iterations = relEnvInt("MINUTES_CRASH_ITERATIONS", default: 200)
        let seed = ProcessInfo.processInfo.environment["MINUTES_CRASH_SEED"].flatMap { UInt64($0) } ?? 0xC4A5_4ED
        var rng = SeededGenerator(seed: seed)
        let binary = try RelBinary.path()
        let dir = try RelTemp("crash")
        let journal = try dir.journal()

        // The binary must know the hidden helper.
        let probe = try RelChild(binary, ["_append-loop", "-f", journal, "--count", "1"])
        let (status, _, err) = try probe.finish()
        try #require(status == 0, "\(binary) _append-loop failed (\(status)): \(err)\n\(RelBinary.registration)")

        var acknowledged = Set(try JournalLoader.load(path: journal).state.targets.keys.map(\.text))
        var torn = 0, lockedRuns = 0, completedTails = 0
        let clock = ContinuousClock()
        let started = clock.now
        for iteration in 0..<iterations {
            let context = "iteration \(iteration), MINUTES_CRASH_SEED=\(seed)"
            let chunked = rng.next() % 2 == 0
            let locked = rng.next() % 3 == 0
            var args = ["_append-loop", "-f", journal]
            if chunked { args += ["--max-write", String(3 + rng.next() % 40)] }
            if locked { args.append("--lock") }
            let target = Int(rng.next() % 6)
            let extra = Duration.microseconds(Int64(rng.next() % 4000))

            let child = try RelChild(binary, args)
            var seen: [String] = []
            let deadline = clock.now.advanced(by: .seconds(20))
            while seen.count < target, clock.now < deadline {
                guard child.pump(timeout: .milliseconds(50)) else { break }
                seen += child.takeLines()
            }
            // A random moment: after `target` acknowledgements, plus up to 4 ms.
            let killAt = clock.now.advanced(by: extra)
            while clock.now < killAt, child.pump(timeout: killAt - clock.now) { seen += child.takeLines() }
            child.kill()
            let (_, _, errText) = try child.finish()
            seen += child.takeLines()
            #expect(seen.count >= target, "the child stopped early (\(context)): \(errText)")
            acknowledged.formUnion(seen)

            let loaded = try JournalLoader.load(path: journal)
            let ids = Set(loaded.state.targets.keys.map(\.text))
            let missing = acknowledged.subtracting(ids)
            #expect(missing.isEmpty, "acknowledged entries lost: \(missing.sorted()) (\(context))")
            #expect(!loaded.hasErrors, "\(loaded.diagnostics.errors) (\(context))")
            let tornReports = loaded.diagnostics.filter { $0.message.contains("incomplete last line") }
            #expect(tornReports.count <= 1, "\(context)")
            if let line = loaded.tornLine {
                #expect(line == loaded.lineCount, "the torn line is the last (\(context))")
                #expect(tornReports.map(\.line) == [line], "\(context)")
                torn += 1
                switch try JournalRepair.repair(path: journal, lockWait: .seconds(5)) {
                case .moved(let m):
                    #expect(m.line == line)
                case .repaired(let r):
                    // Killed after the event's bytes but before its line break: the entry is
                    // complete and valid, so repair keeps it and only adds the line break.
                    #expect(r.steps == [.addLineBreak(line: line)], "\(context)")
                    completedTails += 1
                case .nothingToRepair:
                    Issue.record("repair did not move the torn line (\(context))")
                    return
                }
                let repaired = try JournalLoader.load(path: journal)
                #expect(repaired.tornLine == nil && !repaired.hasErrors, "\(context)")
                #expect(acknowledged.isSubset(of: Set(repaired.state.targets.keys.map(\.text))), "\(context)")
            } else {
                #expect(tornReports.isEmpty, "\(context)")
            }
            if locked {
                // The dead child's lock went with it.
                lockedRuns += 1
                #expect(JournalLock.holder(of: journal) == nil, "\(context)")
                let lock = try JournalLock.acquire(journal: journal, wait: .zero)
                lock.release()
            }
        }
        let took = clock.now - started
        print("crash test: \(iterations) kills in \(took), \(acknowledged.count) acknowledged entries, \(torn) torn last lines repaired (\(completedTails) of them complete entries given their line break), \(lockedRuns) lock takeovers (seed \(seed))")
        if iterations >= 100 {
            // Proof the test sees what it looks for: kills did land in the middle of lines.
            #expect(torn > 0, "no kill ever tore a line: the test is not exercising torn writes")
        }
    }

    @Test func repairCommandMovesATornLineOrRefusesNamingTheLine() throws {
        let binary = try RelBinary.path()
        let dir = try RelTemp("crash-repair-cli")
        let (journal, _) = try dir.seededJournal()
        let lines = relRead(journal).filter { $0 == 10 }.count
        try relAppend(journal, "2009-01-21T10:00:00.000Z 4k7q2m9x8c1v note project=stay-safe/1 text=\"Trai")
        let (status, out, err) = try RelChild(binary, ["repair", "-f", journal]).finish()
        #expect(status == 0, "\(err)\n\(RelBinary.registration)")
        #expect(out.contains("moved the incomplete line \(lines + 1)"))
        #expect(out.contains(".torn-"))
        #expect(try JournalLoader.load(path: journal).tornLine == nil)

        let bad = try dir.journal("bad.journal", lines: ["2009-01-20T09:00:00.000Z nyqr6vj34cws persn initials=RO name=Rosa"])
        try relAppend(bad, "2009")
        let before = relRead(bad)
        let (badStatus, _, badErr) = try RelChild(binary, ["repair", "-f", bad]).finish()
        #expect(badStatus != 0)
        #expect(badErr.contains("line 2"))
        #expect(badErr.contains("minutes check"))
        #expect(relRead(bad) == before)
    }
}
