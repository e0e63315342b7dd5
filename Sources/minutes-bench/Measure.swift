import Foundation

/// Monotonic time in seconds, read with one `clock_gettime` (no allocation).
@inline(__always)
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Runs `body` once and returns how long it took, in seconds.
@inline(__always)
func timed(_ body: () throws -> Void) rethrows -> Double {
    let t0 = now()
    try body()
    return now() - t0
}

/// Order statistics of a set of samples.
struct Samples {
    private(set) var values: [Double] = []

    init(_ values: [Double] = []) { self.values = values }

    mutating func add(_ v: Double) { values.append(v) }

    var count: Int { values.count }

    /// The `p`-th percentile (0…100), nearest-rank; the median is `percentile(50)`.
    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        if p == 50 {
            let mid = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(sorted.count - 1, Swift.max(0, rank - 1))]
    }

    var median: Double { percentile(50) }
    var min: Double { values.min() ?? .nan }
}

/// Fields of `/proc/self/status`, in bytes: VmHWM (peak resident) and VmRSS (resident now).
enum ProcStatus {
    static func kilobytes(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let digits = line.dropFirst(field.count + 1).filter(\.isNumber)
            return Int(digits)
        }
        return nil
    }

    static var peakResident: Int? { kilobytes("VmHWM").map { $0 * 1024 } }
    static var resident: Int? { kilobytes("VmRSS").map { $0 * 1024 } }
}

/// The machine's CPU time counters (`/proc/stat`, first line), in clock ticks: how busy the
/// machine was while something was measured.
///
/// Why: this machine is a virtual one shared with others. When the host runs other guests on
/// our cores, the time our threads wait for a core is counted as *steal*; when other processes
/// run, they take cores too; either makes every wall time measured then longer, by up to a
/// half. The two shares printed next to replay say how much of a figure is the machine rather
/// than the program. (The host can also slow us where the guest cannot see it, through shared
/// caches and memory; `wc -l` in the same run shows that.)
struct CPUTicks {
    /// user, nice, system, idle, iowait, irq, softirq, steal.
    var fields: [UInt64]

    /// Reads the `cpu ` line of `/proc/stat`; nil where there is none (not Linux).
    static func now() -> CPUTicks? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        return CPUTicks(procStat: text)
    }

    /// Parses the aggregate `cpu ` line of `/proc/stat` text.
    init?(procStat text: String) {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return nil }
        let numbers = line.split(separator: " ").dropFirst().prefix(8).compactMap { UInt64($0) }
        guard numbers.count == 8 else { return nil }
        fields = numbers
    }

    /// How the machine's CPU time between `self` and `later` was spent, as shares 0…1 of it:
    /// taken by the host for other guests (steal), and used by other processes than ours (busy
    /// time less `ownSeconds`, this process's CPU time meanwhile). Nil when too little time
    /// passed to tell: the counters move in ticks of 10 ms, so a single 15 ms replay read
    /// "others 64 %" on an idle machine; 20 ticks (0.1 s on each of two cores) is the least.
    func shares(until later: CPUTicks, ownSeconds: Double, ticksPerSecond: Double) -> (steal: Double, others: Double)? {
        let delta = zip(later.fields, fields).map { $0 &- $1 }
        let total = delta.reduce(0, +)
        guard total >= 20 else { return nil }
        let busy = delta[0] + delta[1] + delta[2] + delta[5] + delta[6]
        let others = max(0, Double(busy) - ownSeconds * ticksPerSecond)
        return (Double(delta[7]) / Double(total), min(1, others / Double(total)))
    }

    /// Clock ticks per second, the unit of `/proc/stat`.
    static var ticksPerSecond: Double { Double(sysconf(Int32(_SC_CLK_TCK))) }
}

/// CPU time so far (user and system), in seconds, of this process (all threads) or, with
/// `ReplayParts.thisThread` (`RUSAGE_THREAD`), of the calling thread.
func cpuSeconds(_ who: Int32 = RUSAGE_SELF.rawValue) -> Double {
    var u = rusage()
    getrusage(who, &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
}

/// The size of a file in bytes.
func fileSize(_ path: String) -> Int {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : 0
}

/// Runs a program and waits for it; returns its standard output.
@discardableResult
func runProcess(_ executable: String, _ arguments: [String], captureOutput: Bool = true) throws -> (status: Int32, output: Data) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    let pipe = Pipe()
    if captureOutput { p.standardOutput = pipe }
    try p.run()
    var data = Data()
    if captureOutput { data = pipe.fileHandleForReading.readDataToEndOfFile() }
    p.waitUntilExit()
    return (p.terminationStatus, data)
}

/// Runs a program with `posix_spawn` and waits for it, its output thrown away: the cheapest
/// way to start a process, for timing one.
func spawnAndWait(_ executable: String, _ arguments: [String]) throws -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid = pid_t()
    let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard rc == 0 else { throw BenchError("cannot run \(executable): \(String(cString: strerror(rc)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    return status
}

/// This program's own executable, for re-running itself in a fresh process.
var selfExecutable: String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}

// MARK: - Formatting

func formatDuration(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "—" }
    if seconds >= 1 { return String(format: "%.2f s", seconds) }
    if seconds >= 1e-3 { return String(format: seconds >= 0.1 ? "%.0f ms" : "%.1f ms", seconds * 1e3) }
    return String(format: seconds >= 1e-4 ? "%.0f µs" : "%.1f µs", seconds * 1e6)
}

func formatBytes(_ bytes: Double) -> String {
    if bytes >= 1e9 { return String(format: "%.2f GB", bytes / 1e9) }
    if bytes >= 1e6 { return String(format: "%.1f MB", bytes / 1e6) }
    return String(format: "%.0f kB", bytes / 1e3)
}

func formatCount(_ n: Double) -> String {
    if n >= 1e6 { return String(format: "%.2f M", n / 1e6) }
    if n >= 1e3 { return String(format: "%.0f k", n / 1e3) }
    return String(format: "%.0f", n)
}
