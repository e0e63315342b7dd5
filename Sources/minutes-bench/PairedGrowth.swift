import ArgumentParser
import Foundation
import MinutesCore

/// Replay growth measured in pairs: the small and the large journal replayed in turn, in one
/// process, so that both see the same minute of the machine.
///
/// Why: `run` measures each size in its own process, one after the other, some seconds
/// apart. On a shared machine the host's speed moves by half from one minute to the next,
/// unseen inside the guest (round 5: replay and `wc -l` together 40 % slower an hour apart),
/// so the ratio of two medians taken at different times is partly a ratio of two moments.
/// Here every round replays the small journal a few times and the large one once, back to
/// back, and takes their ratio; the growth is the median of those ratios.
struct PairedGrowth: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "growth",
        abstract: "Measure how replay time grows from one journal to a larger one, in alternating rounds (used by run).",
        shouldDisplay: false)

    @Option(help: "The smaller journal.") var small: String
    @Option(help: "Events in the smaller journal.") var smallEvents: Int
    @Option(help: "The larger journal.") var large: String
    @Option(help: "Events in the larger journal.") var largeEvents: Int
    @Option(help: "Rounds (the median ratio is reported).") var rounds = 5

    func run() throws {
        // One replay of each first: the process's first replay also pays for growing its heap.
        for path in [small, large] { _ = try PairedGrowth.replay(path) }
        var ratios: [Double] = []
        for _ in 0..<max(1, rounds) {
            var smallTimes = Samples()
            for _ in 0..<PairedGrowth.smallRuns { smallTimes.add(try PairedGrowth.replay(small)) }
            let largeTime = try PairedGrowth.replay(large)
            ratios.append(largeTime / smallTimes.median)
        }
        writeLine(Table.json(PairedGrowth.measurement(ratios: ratios, smallEvents: smallEvents, largeEvents: largeEvents)))
    }

    /// Replays of the small journal in a round, of which the median is taken: one replay of a
    /// 10,000-event journal takes 4 ms, short enough for one scheduler hiccup to double it.
    static let smallRuns = 5

    /// The time of one replay of `path`, the state freed before the next.
    static func replay(_ path: String) throws -> Double {
        var loaded: LoadedJournal?
        let t = try timed { loaded = try JournalLoader.load(path: path) }
        guard let loaded, !loaded.hasErrors else { throw BenchError("\(path): errors on replay") }
        return t
    }

    /// The growth from the rounds' ratios: their median, checked against the target (10× the
    /// events in at most 11× the time: a ratio of events `r` allows `1.1 r`), with the
    /// smallest and largest beside it.
    static func measurement(ratios: [Double], smallEvents: Int, largeEvents: Int) -> Measurement {
        let events = Double(largeEvents) / Double(smallEvents)
        let samples = Samples(ratios)
        return Measurement(measure: "replay growth", variant: "\(formatCount(Double(smallEvents))) → \(formatCount(Double(largeEvents)))",
                           events: largeEvents, unit: "ratio", median: samples.median, samples: samples.count,
                           detail: ["events_ratio": events, "min_ratio": samples.min, "max_ratio": samples.percentile(100)],
                           note: nil, target: String(format: "≤ %.1f×", 1.1 * events), met: samples.median <= 1.1 * events)
    }
}
