import Foundation
import MinutesCore
import MinutesExport
import MinutesTUI

/// The measurements taken in one child process, on one journal. Each `emit`s its figures as
/// they are taken (the parent collects them from this process's standard output).
struct Scenarios {
    let path: String
    let events: Int
    let repeats: Int
    /// A folder for scratch copies of the journal, which sessions may append to.
    let scratchDir: String
    let emit: (Measurement) -> Void

    /// How many replays to time: `repeats`, or more for a small journal, enough for about half a
    /// second of replaying (at most 50). A 10,000-event replay takes 5 ms, so that five of them
    /// were one scheduler hiccup away from a different median, and the growth ratio from it
    /// moved between ×4 and ×11 from run to run. One asked for is one (a run under a profiler
    /// such as callgrind wants the instructions of exactly one replay).
    static func replayRuns(repeats: Int, firstTook seconds: Double) -> Int {
        guard repeats > 1, seconds > 0 else { return max(1, repeats) }
        return max(repeats, min(50, Int((0.5 / seconds).rounded(.up))))
    }

    static let width = 120
    static let height = 40

    var fileBytes: Int { fileSize(path) }

    // MARK: - Replay and memory

    /// Replays the journal `repeats` times, or more when it is small (`replayRuns`). The first
    /// replay runs in a process that has done nothing else yet, so the peak resident size read
    /// right after it is replay's own.
    func replay() throws -> MinutesState {
        let before = ProcStatus.resident ?? 0
        var loaded: LoadedJournal?
        var times = Samples()
        let (ticks, ownBefore) = (CPUTicks.now(), cpuSeconds())
        times.add(try timed { loaded = try JournalLoader.load(path: path) })
        let peak = ProcStatus.peakResident ?? 0
        guard let first = loaded else { throw BenchError("no journal") }
        let errors = first.diagnostics.errors
        if !errors.isEmpty {
            throw BenchError("\(path): \(errors.count) errors, first: \(errors[0])")
        }
        let size = Double(fileBytes)
        emit(Measurement(measure: "memory", events: events, unit: "bytes", median: Double(peak), samples: 1,
                         detail: ["peak_bytes": Double(peak), "before_bytes": Double(before), "file_bytes": size,
                                  "ratio_to_file": Double(peak) / size],
                         note: String(format: "%.2f× file (%@); %@ before replay", Double(peak) / size,
                                      formatBytes(size), formatBytes(Double(before))),
                         target: events >= 1_000_000 ? "≤ 2× file" : nil,
                         met: events >= 1_000_000 ? Double(peak) <= 2 * size : nil))
        let state = first.state
        loaded = nil
        for _ in 1..<Scenarios.replayRuns(repeats: repeats, firstTook: times.values[0]) {
            var again: LoadedJournal?
            times.add(try timed { again = try JournalLoader.load(path: path) })
            again = nil
            _ = again
        }
        // How busy the machine was meanwhile, so that a slow figure can be told from a busy machine.
        let load = ticks.flatMap { start in
            CPUTicks.now().flatMap { start.shares(until: $0, ownSeconds: cpuSeconds() - ownBefore,
                                                   ticksPerSecond: CPUTicks.ticksPerSecond) }
        }
        let t = times.median
        var detail = ["events_per_s": Double(events) / t, "mb_per_s": size / 1e6 / t, "min_s": times.min,
                      "warnings": Double(first.diagnostics.warnings.count)]
        detail["steal"] = load?.steal
        detail["others_busy"] = load?.others
        let verdict = Measurement.replayTarget(events: events, seconds: t)
        emit(Measurement(measure: "replay", events: events, unit: "s", median: t, samples: times.count,
                         detail: detail,
                         note: "\(formatCount(Double(events) / t)) events/s, " + String(format: "%.0f MB/s", size / 1e6 / t)
                             + (times.count > repeats ? ", \(times.count) runs" : "")
                             + (first.diagnostics.isEmpty ? "" : ", \(first.diagnostics.count) warnings")
                             + (load.map { String(format: "; machine: steal %.0f%%, others %.0f%%", $0.steal * 100, $0.others * 100) } ?? ""),
                         target: verdict.target, met: verdict.met))
        return state
    }

    // MARK: - Screen

    /// A fresh scratch copy of the journal, so sessions can open it for writing.
    func scratchCopy(_ name: String) throws -> String {
        let copy = (scratchDir as NSString).appendingPathComponent("scratch-\(events)-\(name).journal")
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        return copy
    }

    /// From opening the journal to the first frame in the cell grid.
    func firstFrame() throws {
        let copy = try scratchCopy("frame")
        defer { try? FileManager.default.removeItem(atPath: copy) }
        var times = Samples()
        for _ in 0..<repeats {
            var keep: (JournalSession, AppRuntime, Frame)?
            times.add(try timed {
                let session = try JournalSession(path: copy)
                let runtime = AppRuntime(session: session, width: Scenarios.width, height: Scenarios.height,
                                         today: { session.state.lastTimestamp.day })
                keep = (session, runtime, runtime.frame())
            })
            keep = nil
            _ = keep
        }
        emit(Measurement(measure: "first-frame", events: events, unit: "s", median: times.median, samples: times.count,
                         note: "open + replay + \(Scenarios.width)×\(Scenarios.height) frame",
                         target: events == 100_000 ? "≤ 100 ms" : nil,
                         met: events == 100_000 ? times.median <= 0.1 : nil))
    }

    /// The scripted keys: moving the selection, typing on the input line (never Enter), and
    /// switching tabs (including the Outstanding tab), each with its category.
    static func script(rounds: Int) -> [(Key, String)] {
        var keys: [(Key, String)] = []
        let typed = "KP and ZNB to check the café rota 会議 👍🏽"
        for round in 0..<rounds {
            for k in [Key.down, .down, .down, .down, .down, .down, .up, .up, .left, .up, .up, .up, .up, .pageUp,
                      .pageDown, .home, .end, .left, .down, .down, .right, .right] {
                keys.append((k, "move"))
            }
            keys.append((.char("t"), "typing"))
            for ch in typed { keys.append((.char(ch), "typing")) }
            keys += [(.backspace, "typing"), (.backspace, "typing"), (.ctrl("w"), "typing"), (.left, "typing"),
                     (.home, "typing"), (.end, "typing"), (.escape, "typing")]
            // Next project, then back; every other round through the Outstanding tab.
            keys += [(.tab, "tab"), (.tab, "tab"), (.backTab, "tab")]
            if round % 2 == 1 {
                keys += [(.backTab, "tab"), (.backTab, "tab"), (.down, "move"), (.down, "move"), (.up, "move"), (.tab, "tab")]
            }
        }
        return keys
    }

    /// One key handled and the screen rendered, over the script; returns the runtime for `append`.
    func keystrokes() throws -> AppRuntime {
        let copy = try scratchCopy("keys")
        let session = try JournalSession(path: copy)
        let runtime = AppRuntime(session: session, width: Scenarios.width, height: Scenarios.height,
                                 today: { session.state.lastTimestamp.day })
        _ = runtime.frame()
        var all = Samples()
        var byKind: [String: Samples] = [:]
        var checksum = 0
        for (key, kind) in Scenarios.script(rounds: 20) {
            let t = timed {
                runtime.handle(key)
                let f = runtime.frame()
                checksum &+= f.grid.width
            }
            all.add(t)
            byKind[kind, default: Samples()].add(t)
        }
        guard checksum > 0 else { throw BenchError("no frames") }
        let large = events >= 1_000_000
        emit(Measurement(measure: "keystroke", events: events, unit: "s", median: all.median, p99: all.percentile(99),
                         samples: all.count, detail: ["max_s": all.percentile(100)],
                         note: "handle + render, max \(formatDuration(all.percentile(100)))",
                         target: large ? "median ≤ 0.5 ms, p99 ≤ 2 ms" : nil,
                         met: large ? all.median <= 0.0005 && all.percentile(99) <= 0.002 : nil))
        for kind in ["move", "typing", "tab"] {
            guard let s = byKind[kind] else { continue }
            emit(Measurement(measure: "keystroke", variant: kind, events: events, unit: "s", median: s.median,
                             p99: s.percentile(99), samples: s.count, detail: ["max_s": s.percentile(100)],
                             note: "max \(formatDuration(s.percentile(100)))"))
        }
        try paste(runtime)
        return runtime
    }

    /// Pasting into a note: 45 KB, 300 KB and 1 MB of multi-line text as one paste (`.paste`,
    /// what the backend delivers for a bracketed paste and for an unbracketed burst), each
    /// handled and rendered; then one key typed after the 1 MB and rendered; then 100 KB
    /// arriving key by key. Target: 1 MB in under a second (the time must grow linearly).
    func paste(_ runtime: AppRuntime) throws {
        let line = "Hall booked for 3 November; caretaker 会議 👍🏽 José confirmed the keys.\n"
        for (label, bytes) in [("45 KB", 45_000), ("300 KB", 300_000), ("1 MB", 1_000_000)] {
            let text = String(repeating: line, count: bytes / line.utf8.count + 1)
            runtime.handle(.char("1"))
            runtime.handle(.char("n"))
            var typedAfter = 0.0
            let t = timed {
                runtime.handle(.paste(text))
                _ = runtime.frame()
            }
            if bytes == 1_000_000 {
                typedAfter = timed {
                    runtime.handle(.char("!"))
                    _ = runtime.frame()
                }
            }
            guard case .input(let input) = runtime.ui.mode, input.editor.count > bytes / 2 else {
                throw BenchError("the paste did not reach the input line")
            }
            runtime.handle(.escape)
            runtime.handle(.char("y"))  // discard it
            let big = bytes == 1_000_000
            emit(Measurement(measure: "paste", variant: label, events: events, unit: "s", median: t, samples: 1,
                             note: "handle + render" + (big ? ", then a key: \(formatDuration(typedAfter))" : ""),
                             target: big ? "≤ 1 s" : nil, met: big ? t <= 1 : nil))
        }
        // The same text arriving key by key (a terminal that sends a paste slowly).
        runtime.handle(.char("n"))
        let keys = Array(String(repeating: "Hall booked for 3 November. ", count: 100_000 / 28))
        let t = timed {
            for ch in keys { runtime.handle(.char(ch)) }
            _ = runtime.frame()
        }
        runtime.handle(.escape)
        runtime.handle(.char("y"))
        emit(Measurement(measure: "paste", variant: "100 KB keys", events: events, unit: "s", median: t, samples: 1,
                         note: "\(keys.count) keys handled, then one frame"))
    }

    // MARK: - Append

    /// One event written and applied to the state, without and with fsync; then the app's own
    /// path (`JournalSession.record`: check, write, fsync, apply).
    func append(runtime: AppRuntime) throws {
        let copy = try scratchCopy("append")
        defer { try? FileManager.default.removeItem(atPath: copy) }
        var state = try JournalLoader.load(path: copy).state
        guard let slug = state.groupOrder.first, let project = state.projects(in: slug).first else {
            throw BenchError("no project to append to")
        }
        let writer = try JournalWriter(path: copy)
        var rng = SplitMix64(seed: 99)
        var clock = state.lastTimestamp.milliseconds
        func nextEvent(_ i: Int) -> Event {
            clock += 1
            return Event(id: EventID.random(using: &rng), timestamp: Timestamp(milliseconds: clock),
                         body: .todo(project.ref, meeting: nil, owners: [.initials("KP")],
                                     text: "Benchmark follow-up \(i): check the café rota 会議"))
        }
        for (sync, count) in [(false, 2000), (true, 40)] {
            writer.syncEachAppend = sync
            var times = Samples()
            for i in 0..<count {
                let e = nextEvent(i)
                times.add(try timed {
                    try writer.append(e)
                    state.apply(e)
                })
            }
            emit(Measurement(measure: "append", variant: sync ? "fsync" : "no fsync", events: events, unit: "s",
                             median: times.median, p99: times.percentile(99), samples: times.count,
                             note: "JournalWriter.append + MinutesState.apply",
                             target: sync ? nil : "≤ 20 µs", met: sync ? nil : times.median <= 20e-6))
        }
        // The app's path, on the keystroke session's scratch copy.
        let session = runtime.session
        if session.isWritable, let p = session.state.projects(in: slug).first {
            var times = Samples()
            for i in 0..<40 {
                times.add(try timed {
                    try session.record(.note(p.ref, meeting: nil, text: "Benchmark note \(i): Zoë's café 会議 👍🏽"))
                })
            }
            emit(Measurement(measure: "append", variant: "session.record", events: events, unit: "s",
                             median: times.median, p99: times.percentile(99), samples: times.count,
                             note: "check + write + fsync + apply"))
        }
    }

    // MARK: - Queries and exports

    func queries(_ state: MinutesState) {
        var all = Samples(), one = Samples()
        var total = 0
        let n = max(repeats, 10)
        for _ in 0..<n {
            all.add(timed {
                total &+= state.followUps(matching: FollowUpFilter()).count
                total &+= state.openCountsByOwner().count
            })
        }
        let slug = state.groupOrder.first
        for _ in 0..<n {
            one.add(timed {
                total &+= state.followUps(matching: FollowUpFilter(group: slug)).count
                total &+= state.openCountsByOwner(in: slug).count
            })
        }
        let open = state.followUps(matching: FollowUpFilter()).count
        emit(Measurement(measure: "query", variant: "all groups", events: events, unit: "s", median: all.median,
                         samples: all.count, detail: ["open": Double(open), "checksum": Double(total)],
                         note: "open follow-ups + counts by owner (\(open) open)"))
        emit(Measurement(measure: "query", variant: "one group", events: events, unit: "s", median: one.median,
                         samples: one.count, note: "the same for \(slug ?? "-")"))
    }

    /// The minutes of the latest meeting of the group whose meeting count is nearest 100,
    /// exported to each format through `Exporter` (report built from the state, then rendered),
    /// as the command line and the app's export menu do.
    func exports(_ state: MinutesState) throws {
        guard let group = state.groupList.min(by: { abs($0.meetings.count - 100) < abs($1.meetings.count - 100) }),
              let meeting = group.latestMeeting else { throw BenchError("no meeting to export") }
        let n = max(repeats, 10)
        var build = Samples()
        for _ in 0..<n {
            build.add(try timed { _ = try MinutesReport.build(group: group.slug, meeting: meeting.date, state: state) })
        }
        emit(Measurement(measure: "export", variant: "build", events: events, unit: "s", median: build.median,
                         samples: build.count, note: "minutes of \(group.slug) \(meeting.date), \(group.meetings.count) meetings"))
        for format in ExportReport.minutes.formats {
            var times = Samples()
            var bytes = 0
            for _ in 0..<n {
                times.add(try timed {
                    bytes = try Exporter.render(.minutes(group: group.slug, meeting: meeting.date, format: format), state: state).data.count
                })
            }
            emit(Measurement(measure: "export", variant: format.rawValue, events: events, unit: "s", median: times.median,
                             samples: times.count, detail: ["bytes": Double(bytes)],
                             note: "build + render, \(formatBytes(Double(bytes)))",
                             target: "≤ 50 ms", met: times.median <= 0.05))
        }
    }
}
