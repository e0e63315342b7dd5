import ArgumentParser
import Foundation
import MinutesCore

struct MinutesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minutes-bench",
        abstract: "Generate realistic journals and measure how fast minutes reads, shows and writes them.",
        discussion: "Build and run in release mode: swift run -c release minutes-bench run",
        subcommands: [Generate.self, Run.self, Measure.self, PairedGrowth.self, Layout.self, ReplayParts.self],
        defaultSubcommand: Run.self
    )
}

/// Bump when the generator changes, so cached journals are written again.
let generatorVersion = 2

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a realistic, valid journal.")

    @Option(help: "Number of events.") var events: Int
    @Option(help: "Number of working groups (default: one per 10 000 events, at least 2).") var groups: Int?
    @Option(help: "Seed: the same seed writes the same file.") var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: "The journal file to write.") var output: String
    @Flag(help: "Replay the journal afterwards and list any problems.") var check = false

    func run() throws {
        guard events >= 0 else { throw ValidationError("--events must not be negative") }
        var generator = JournalGenerator(events: events, groups: groups, seed: seed)
        let t = now()
        let s = try generator.write(to: output)
        let elapsed = now() - t
        writeLine("\(output): \(s.events) events, \(formatBytes(Double(s.bytes))) (\(s.events > 0 ? s.bytes / s.events : 0) bytes/line), "
              + "\(s.groups) groups, \(s.meetings) meetings, \(s.people) people, written in \(formatDuration(elapsed))")
        if check {
            let loaded = try JournalLoader.load(path: output)
            writeLine("replayed: \(loaded.state.eventCount) events applied, \(loaded.diagnostics.errors.count) errors, "
                      + "\(loaded.diagnostics.warnings.count) warnings")
            for d in loaded.diagnostics.prefix(20) { writeLine("  " + d.headline(file: output)) }
            if loaded.hasErrors { throw ExitCode(1) }
        }
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure replay, memory, the screen, appends, queries and exports.")

    @Option(help: "Journal sizes in events, comma-separated.") var events = "10000,100000,1000000"
    @Option(help: "Runs per measurement (the median is reported).") var `repeat` = 5
    @Option(help: "Seed of the generated journals.") var seed: UInt64 = 1
    @Flag(help: "Print one JSON object per measurement per line instead of a table.") var json = false
    @Option(help: "Cache folder for the generated journals (default: .build/bench of the package).") var cache: String?

    func run() throws {
        let sizes = events.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")) }
        guard !sizes.isEmpty, sizes.allSatisfy({ $0 > 0 }) else { throw ValidationError("--events wants sizes like 10000,100000") }
        let folder = cache ?? Run.defaultCache()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

        var results: [Measurement] = []
        func record(_ m: Measurement) {
            results.append(m)
            if json { writeLine(Table.json(m)) }
        }
        var failed = false
        var paths: [Int: String] = [:]
        for n in sizes {
            let path = (folder as NSString).appendingPathComponent("journal-\(n)-s\(seed)-v\(generatorVersion).journal")
            paths[n] = path
            if !FileManager.default.fileExists(atPath: path) {
                log("generating \(n) events → \(path)")
                var generator = JournalGenerator(events: n, groups: nil, seed: seed)
                let s = try generator.write(to: path)
                log("  \(formatBytes(Double(s.bytes))), \(s.bytes / max(1, s.events)) bytes/line, \(s.groups) groups, \(s.meetings) meetings")
            }
            // The floor: how long it takes just to count the lines (page cache warmed first).
            _ = try? spawnAndWait("/usr/bin/wc", ["-l", path])
            var wc = Samples()
            for _ in 0..<self.repeat { wc.add(try timed { _ = try spawnAndWait("/usr/bin/wc", ["-l", path]) }) }

            log("measuring \(n) events in a fresh process")
            let args = ["measure", "--file", path, "--events", String(n), "--repeat", String(self.repeat), "--scratch", folder]
            let child = try runProcess(selfExecutable, args)
            var replay: Double?
            for m in Measurement.decodeLines(child.output) {
                if m.measure == "replay" { replay = m.median }
                record(m)
            }
            if child.status != 0 {
                log("  the measuring process failed (status \(child.status))")
                failed = true
            }
            // The app's own case: each replay in a new process, which pays for all its memory
            // afresh (the replays above, after the first, reuse the memory of the one before).
            var fresh = Samples()
            for _ in 0..<self.repeat {
                let args = ["measure", "--file", path, "--events", String(n), "--repeat", "1", "--scratch", folder, "--only", "replay"]
                let one = try runProcess(selfExecutable, args)
                guard one.status == 0, let m = Measurement.decodeLines(one.output).first(where: { $0.measure == "replay" }) else {
                    log("  a fresh-process replay failed (status \(one.status))")
                    failed = true
                    continue
                }
                fresh.add(m.median)
            }
            if fresh.count > 0 {
                let verdict = Measurement.replayTarget(events: n, seconds: fresh.median)
                record(Measurement(measure: "replay", variant: "fresh process", events: n, unit: "s", median: fresh.median,
                                   samples: fresh.count, detail: ["min_s": fresh.min],
                                   note: "one replay in a new process each time: the app opening the file",
                                   target: verdict.target, met: verdict.met))
            }
            var floor = Measurement(measure: "wc -l", events: n, unit: "s", median: wc.median, samples: wc.count,
                                    note: "the floor, as a subprocess")
            if let replay {
                floor.detail["replay_to_wc"] = replay / wc.median
                floor.note = String(format: "the floor, as a subprocess; replay is %.1f× this", replay / wc.median)
            }
            record(floor)
        }
        // Growth from each size to the next: measured in alternating rounds in one process
        // (`PairedGrowth`), with the ratio of the separate runs' medians above beside it.
        let replays = results.filter { $0.measure == "replay" && $0.variant == nil }.sorted { $0.events < $1.events }
        var growth: [Measurement] = []
        for (a, b) in zip(replays, replays.dropFirst()) {
            guard let small = paths[a.events], let large = paths[b.events] else { continue }
            log("measuring the growth from \(a.events) to \(b.events) events, in alternating rounds")
            let args = ["growth", "--small", small, "--small-events", String(a.events),
                        "--large", large, "--large-events", String(b.events), "--rounds", String(self.repeat)]
            let child = try runProcess(selfExecutable, args)
            guard child.status == 0, var g = Measurement.decodeLines(child.output).last else {
                log("  the measuring process failed (status \(child.status))")
                failed = true
                continue
            }
            g.detail["separate_ratio"] = b.median / a.median
            if let fa = a.detail["min_s"], let fb = b.detail["min_s"], fa > 0 { g.detail["separate_fastest_ratio"] = fb / fa }
            growth.append(g)
        }
        if json { growth.forEach { writeLine(Table.json($0)) } }
        if !json {
            let order = ["replay", "wc -l", "memory", "first-frame", "keystroke", "append", "query", "export"]
            let sorted = results.enumerated().sorted { a, b in
                let (ia, ib) = (order.firstIndex(of: a.element.measure) ?? 99, order.firstIndex(of: b.element.measure) ?? 99)
                return ia != ib ? ia < ib : a.offset < b.offset
            }.map(\.element)
            writeLine(Table.render(sorted))
            for g in growth {
                let verdict = g.met.map { ($0 ? "ok " : "MISSED ") + (g.target ?? "") } ?? ""
                let separate = g.detail["separate_ratio"].map { String(format: "; the separate runs above: medians %.2f×", $0) } ?? ""
                writeLine(String(format: "replay growth %@ events (%.1f× events): %.2f× time (median of %d alternating rounds, %.2f–%.2f×%@)  %@",
                                 g.variant ?? "", g.detail["events_ratio"] ?? 0, g.median, g.samples,
                                 g.detail["min_ratio"] ?? 0, g.detail["max_ratio"] ?? 0, separate, verdict))
            }
        }
        if failed || results.isEmpty { throw ExitCode(1) }
    }

    /// `.build/bench` in the package folder (found by looking up for Package.swift), else here.
    static func defaultCache() -> String {
        var dir = FileManager.default.currentDirectoryPath
        while dir != "/" {
            if FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent("Package.swift")) {
                return (dir as NSString).appendingPathComponent(".build/bench")
            }
            dir = (dir as NSString).deletingLastPathComponent
        }
        return ".build/bench"
    }
}

/// Measures one journal in this (fresh) process and prints one JSON line per figure.
struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure one journal (used by run).", shouldDisplay: false)

    @Option var file: String
    @Option var events: Int
    @Option var `repeat` = 5
    @Option var scratch: String
    @Option(help: "Only these scenarios (replay, queries, exports, frame, keys, append), e.g. for callgrind.")
    var only: String?

    func run() throws {
        let wanted = only.map { Set($0.split(separator: ",").map(String.init)) }
        func want(_ s: String) -> Bool { wanted?.contains(s) ?? true }
        let s = Scenarios(path: file, events: events, repeats: max(1, self.repeat), scratchDir: scratch) { m in
            writeLine(Table.json(m))
        }
        let state = try s.replay()
        if want("queries") { s.queries(state) }
        if want("exports") { try s.exports(state) }
        if want("frame") { try s.firstFrame() }
        if want("keys") || want("append") {
            let runtime = try s.keystrokes()
            if want("append") { try s.append(runtime: runtime) }
        }
        // Scratch copies and the lock files sessions leave next to them.
        let prefix = "scratch-\(events)-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: scratch)) ?? [] where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(atPath: (scratch as NSString).appendingPathComponent(name))
        }
    }
}

/// Writes a line to standard output at once (unbuffered, so a parent reading a pipe gets it).
func writeLine(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(1, $0.baseAddress! + done, $0.count - done) }
        if n <= 0 { if errno == EINTR { continue } else { return } }
        done += n
    }
}

/// The sizes of the model's values, which decide the memory a replayed journal takes.
struct Layout: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the sizes of the model's types.", shouldDisplay: false)

    func run() throws {
        func show<T>(_ type: T.Type) { writeLine("\(T.self): size \(MemoryLayout<T>.size), stride \(MemoryLayout<T>.stride)") }
        show(Item.self)
        show(ItemChange.self)
        show(ItemChange.Kind.self)
        show(FollowUpState.self)
        show(Owner.self)
        show(ProjectRef.self)
        show(Project.self)
        show(Event.self)
        show(EventBody.self)
    }
}

func log(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
