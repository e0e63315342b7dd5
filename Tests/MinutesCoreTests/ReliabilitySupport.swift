import Foundation
@testable import MinutesCore
import Testing

/// A private folder for one test under the package's `.build/test-tmp/` (0700): journals
/// are never written to /tmp, even in tests.
final class RelTemp {
    let path: String

    static let packageRoot: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static var root: String { packageRoot + "/.build/test-tmp" }

    init(_ name: String) throws {
        let root = RelTemp.root
        mkdir(RelTemp.packageRoot + "/.build", 0o700)
        mkdir(root, 0o700)
        chmod(root, 0o700)
        path = root + "/\(name)-\(UInt64.random(in: 0...UInt64.max))"
        guard mkdir(path, 0o700) == 0 else { throw JournalFileError.from(errno: errno, path: path, operation: "mkdir") }
        chmod(path, 0o700)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    /// A new journal holding the header and the given lines.
    func journal(_ name: String = "minutes.journal", lines: [String] = []) throws -> String {
        let p = file(name)
        try JournalWriter.create(path: p)
        if !lines.isEmpty { try append(p, lines.joined(separator: "\n") + "\n") }
        return p
    }

    /// A journal with a person, a group, a project and an open follow-up; returns the follow-up's id.
    func seededJournal(_ name: String = "minutes.journal") throws -> (path: String, followUp: EventID) {
        let p = file(name)
        return (p, try RelTemp.seed(p))
    }

    /// Creates a journal at `path` with a person, a group, a project, a meeting and an open
    /// follow-up; returns the follow-up's id.
    static func seed(_ p: String) throws -> EventID {
        try JournalWriter.create(path: p)
        let s = try JournalSession(path: p, locking: .none, clock: RelClock.start(2009, 1, 20))
        try s.record(.person(Person(initials: "RO", name: "Rosa Okafor")))
        try s.record(.group(slug: "stay-safe", name: "Stay Safe", lead: "RO"))
        try s.record(.project(ProjectRef(group: "stay-safe", number: 1), headline: "Training"))
        try s.record(.meeting(MeetingFields(group: "stay-safe", date: Day(year: 2009, month: 1, day: 20)!, present: ["RO"])))
        let todo = try s.record(.todo(ProjectRef(group: "stay-safe", number: 1), meeting: nil,
                                      owners: [Owner(journalValue: "RO")], text: "RO to book the trainer"))
        return todo.id
    }

    /// Every file name in the folder.
    func names() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
}

/// Reads, appends and inspects files in tests.
func relRead(_ path: String) -> [UInt8] {
    ((try? SecureFile.read(path)) ?? nil) ?? []
}

func relAppend(_ path: String, _ text: String) throws {
    try relAppend(path, Array(text.utf8))
}

func relAppend(_ path: String, _ bytes: [UInt8]) throws {
    let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
    guard fd >= 0 else { throw JournalFileError.from(errno: errno, path: path, operation: "open") }
    defer { close(fd) }
    try SecureFile.writeAll(fd, bytes, path: path)
}

extension RelTemp {
    func append(_ path: String, _ text: String) throws { try relAppend(path, text) }
}

func relMode(_ path: String) -> mode_t {
    var st = stat()
    return lstat(path, &st) == 0 ? st.st_mode & 0o7777 : 0xFFFF
}

func relInode(_ path: String) -> UInt64 { FileIdentity.of(path: path)?.inode ?? 0 }

/// Clocks for tests: a fixed start, one millisecond more on each call.
enum RelClock {
    static func start(_ y: Int, _ m: Int, _ d: Int) -> @Sendable () -> Timestamp {
        let base = Int64(Day(year: y, month: m, day: d)!.ordinal) * 86_400_000 + 9 * 3_600_000
        let counter = RelCounter()
        return { Timestamp(milliseconds: base + counter.next()) }
    }
}

final class RelCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var n: Int64 = 0
    func next() -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        n += 1
        return n
    }
}

/// A text dump of everything the state holds, in a fixed order: two states with equal dumps
/// show the same minutes.
func relDump(_ s: MinutesState) -> String {
    var out: [String] = []
    for p in s.directory { out.append("person \(p.initials) \(p.name) \(p.organisation ?? "-")") }
    for g in s.groupList {
        out.append("group \(g.slug) \(g.name) lead=\(g.lead ?? "-") aim=\(g.aim ?? "-") priorities=\(g.priorities)")
        for m in g.meetings {
            out.append("  meeting \(m.date) present=\(m.present) apologies=\(m.apologies) chair=\(m.chair ?? "-") next=\(m.next.map { "\($0)" } ?? "-")")
        }
        for project in s.projects(in: g.slug) {
            out.append("  project \(project.ref) \(project.headline) plan=\(project.plan) ratings=\(project.ratings.map { "\($0.meeting):\($0.rating)" })")
            for (label, ids) in [("action", project.actions), ("note", project.notes), ("todo", project.followUps)] {
                for id in ids {
                    guard let item = s.item(id) else { continue }
                    out.append("    \(label) \(id) \(item.meeting) [\(item.state.word)] owners=\(item.owners.map(\.label)) \(item.text)")
                }
            }
        }
    }
    out.append("events=\(s.eventCount) last=\(s.lastTimestamp)")
    return out.joined(separator: "\n")
}

/// Whether the environment asks for more than the CI minimum.
func relEnvInt(_ name: String, default value: Int) -> Int {
    ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? value
}

/// Polls `condition` until it holds or `timeout` passes (no fixed sleeps in tests).
func relEventually(timeout: Duration = .seconds(5), _ condition: () throws -> Bool) rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while clock.now < deadline {
        if try condition() { return true }
        usleep(2_000)
    }
    return try condition()
}
