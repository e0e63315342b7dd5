import Foundation
import Testing
import MinutesCore

/// Issue 20: two command-line writers, the app's session and an outside appender (a program
/// that ignores the lock, as `echo >>` does) write one journal at the same time. Nothing is
/// lost, each writer's entries replay in the order it wrote them, and the app's outstanding
/// count equals `minutes todo`'s.
@Suite("Many writers at once", .serialized)
struct ManyWritersTests {
    static let perWriter = 250
    let ref = ProjectRef(group: "stay-safe", number: 1)

    func startLoop(_ box: Sandbox, prefix: String) throws -> (Process, Pipe) {
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["_append-loop", "-f", "minutes.journal", "--todo-on", "stay-safe/1",
                       "--count", "\(Self.perWriter)", "--prefix", prefix]
        p.currentDirectoryURL = box.dir
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        return (p, out)
    }

    /// Appends whole lines with one O_APPEND write each, never taking the lock.
    static func outsideAppender(path: String, ref: ProjectRef, count: Int) -> Int {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var last = Timestamp.now()
        var written = 0
        for n in 1...count {
            var t = Timestamp.now()
            if t <= last { t = Timestamp(milliseconds: last.milliseconds + 1) }
            last = t
            let e = Event(id: .random(), timestamp: t,
                          body: .todo(ref, meeting: nil, owners: [Owner(journalValue: "RO")], text: "outside \(n)"))
            let bytes = Array((EventWriter.line(for: e) + "\n").utf8)
            if bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count { written += 1 }
        }
        return written
    }

    @Test func twoCommandLineWritersTheAppAndAnOutsideAppenderLoseNothingAndKeepTheirOrder() throws {
        let box = try Sandbox()
        try box.copySample()
        let path = box.journal.path
        let a = try startLoop(box, prefix: "cli-a"), b = try startLoop(box, prefix: "cli-b")
        let outside = OutsideCount()
        let group = DispatchGroup()
        let ref = self.ref
        DispatchQueue.global().async(group: group) {
            outside.set(Self.outsideAppender(path: path, ref: ref, count: Self.perWriter))
        }
        // The app: a session locking per record, as the app opens it, following the others.
        let app = try JournalSession(path: path, locking: .perRecord(wait: .seconds(10)))
        var appIDs: [EventID] = []
        for n in 1...Self.perWriter {
            _ = try? app.refresh()
            if !app.isWritable {
                // The outside appender's line may be half-visible for an instant: look again.
                _ = try app.refresh()
            }
            appIDs.append(try app.record(.todo(ref, meeting: nil, owners: [Owner(journalValue: "RO")], text: "app \(n)")).id)
        }
        group.wait()
        var cliIDs: [String] = []
        for (p, out) in [a, b] {
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            cliIDs += text.split(separator: "\n").map(String.init)
        }
        #expect(outside.value == Self.perWriter)
        #expect(cliIDs.count == 2 * Self.perWriter)

        let loaded = try JournalLoader.load(path: path)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics.errors.prefix(3))")
        #expect(loaded.tornLine == nil)
        for id in appIDs { #expect(loaded.state.contains(id)) }
        for id in cliIDs { #expect(EventID.parse(id).map(loaded.state.contains) == true, "lost \(id)") }
        // Each writer's entries replay in the order it wrote them.
        let texts = loaded.state.followUps(matching: FollowUpFilter(project: ref)).map(\.item.text)
        for prefix in ["cli-a", "cli-b", "app", "outside"] {
            let numbers = texts.filter { $0.hasPrefix(prefix + " ") }.compactMap { Int($0.dropFirst(prefix.count + 1)) }
            #expect(numbers == Array(1...Self.perWriter), "\(prefix): \(numbers.count) entries, in order: \(numbers == numbers.sorted())")
        }
        // The app's outstanding count equals the command line's.
        try app.refresh()
        let todo = try box.run(["todo", "--json"])
        let listed = try JSONSerialization.jsonObject(with: Data(todo.stdout.utf8)) as? [Any]
        #expect(listed?.count == app.state.followUps(matching: FollowUpFilter()).count)
        #expect(app.state.followUps(matching: FollowUpFilter(project: ref)).count >= 4 * Self.perWriter)
    }
}

final class OutsideCount: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func set(_ v: Int) { lock.lock(); n = v; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
