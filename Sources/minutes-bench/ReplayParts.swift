import ArgumentParser
import Foundation
import MinutesCore

/// Replay taken apart, for profiling: parsing alone, replay on one thread, and replay on two
/// threads with each thread's CPU time, so that one can see which side limits the wall time.
struct ReplayParts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay-parts",
        abstract: "Time parsing alone, one-thread replay and two-thread replay of a journal (for profiling).",
        shouldDisplay: false)

    @Option(help: "The journal to replay.")
    var file: String

    @Option(help: "Which parts: all, parse, seq (one thread) or par (two threads).")
    var mode = "all"

    @Option(help: "How many times to time each part.")
    var times = 2

    func run() throws {
        if mode == "all" || mode == "parse" {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            for _ in 0..<times {
                let start = now()
                let events = parseAll(bytes)
                print(String(format: "parse only: %.3f s, %d events", now() - start, events))
            }
        }
        for parallel in [false, true] where mode == "all" || mode == (parallel ? "par" : "seq") {
            for _ in 0..<times {
                let (main0, all0) = (cpuSeconds(ReplayParts.thisThread), cpuSeconds(RUSAGE_SELF.rawValue))
                let start = now()
                let loaded = try JournalLoader.load(path: file, asOf: nil, parallel: parallel)
                let wall = now() - start
                let (main1, all1) = (cpuSeconds(ReplayParts.thisThread), cpuSeconds(RUSAGE_SELF.rawValue))
                print(String(format: "replay on %@: %.3f s, %d events; CPU: applying thread %.3f s, other threads %.3f s",
                             parallel ? "two threads" : "one thread", wall, loaded.state.eventCount,
                             main1 - main0, all1 - all0 - (main1 - main0)))
            }
        }
    }

    /// Parses every line after the header; returns how many were events.
    func parseAll(_ bytes: [UInt8]) -> Int {
        var parser = JournalParser()
        var events = 0
        bytes.withUnsafeBufferPointer { buf in
            var start = 0
            var number = 0
            while start < buf.count, let p = memchr(buf.baseAddress! + start, 10, buf.count - start) {
                let end = buf.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
                number += 1
                if number > 1, case .event = parser.parse(line: UnsafeBufferPointer(rebasing: buf[start..<end]), number: number) {
                    events += 1
                }
                start = end + 1
            }
        }
        return events
    }

    /// `RUSAGE_THREAD` (Linux), which Glibc's module does not export.
    static let thisThread: Int32 = 1
}
