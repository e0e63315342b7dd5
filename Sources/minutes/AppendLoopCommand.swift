import ArgumentParser
import Foundation
import MinutesCore

/// `minutes _append-loop -f FILE`: the crash test's child process (hidden).
///
/// Appends entries through `JournalWriter` (one write and an fsync each) and prints each
/// entry's id on standard output, flushed, only after its append returned. The crash test
/// kills it with SIGKILL at a random moment and checks that every printed id is in the
/// journal.
struct AppendLoopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_append-loop",
        abstract: "Append test entries until killed, printing each id once it is saved (for the crash test).",
        shouldDisplay: false
    )

    @OptionGroup var journal: JournalOptions

    @Option(help: "Stop after this many entries (default: run until killed).")
    var count: Int?

    @Option(name: .customLong("max-write"),
            help: "Write at most this many bytes per write call, so a kill can tear a line.")
    var maxWrite: Int?

    @Flag(help: "Hold the journal's lock while appending, as the app does.")
    var lock = false

    @Option(name: .customLong("todo-on"),
            help: "Record follow-ups owned by RO on this project through a journal session, locking per record as the app and the commands do.")
    var todoOn: String?

    @Option(help: "The start of each follow-up's text (with --todo-on).")
    var prefix = "entry"

    func run() throws {
        let file = journal.path
        if let todoOn {
            // The way the app and the commands write: check, lock, append, fsync, per record.
            guard let ref = ProjectRef(todoOn) else { throw CLIError.usage("--todo-on needs a project, e.g. g/1") }
            let session = try JournalSession(path: file, locking: .perRecord(wait: .seconds(10)))
            for n in 1...(count ?? 1) {
                let event = try session.record(.todo(ref, meeting: nil, owners: [Owner(journalValue: "RO")], text: "\(prefix) \(n)"))
                AppendLoopCommand.writeLine(event.id.text)
            }
            return
        }
        let held = lock ? try JournalLock.acquire(journal: file, wait: .seconds(5), program: "minutes _append-loop") : nil
        let loaded = try JournalLoader.load(path: file)
        var after = loaded.state.lastTimestamp
        if let last = loaded.lastEvent?.timestamp, last > after { after = last }
        var factory = EventFactory(after: after)
        let ops: JournalFileOps = maxWrite.map { ChunkedWriteOps(chunk: max(1, $0)) } ?? SystemFileOps()
        let writer = try JournalWriter(path: file, ops: ops)
        var n = 0
        while count.map({ n < $0 }) ?? true {
            n += 1
            let event = factory.make(.person(Person(initials: "CT", name: "Crash test entry \(n)")))
            try writer.append(event)
            AppendLoopCommand.writeLine(event.id.text)
        }
        withExtendedLifetime(held) {}
    }

    /// Writes a line to standard output with write(2): nothing waits in a buffer.
    static func writeLine(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(1, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            done += n
        }
    }
}

/// Writes in small pieces, each made durable before the next, as a slow or failing disk can
/// make `write` land: a kill between two pieces leaves a torn last line on disk.
struct ChunkedWriteOps: JournalFileOps {
    let chunk: Int

    func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
        let n = Glibc.write(fd, buffer.baseAddress, min(chunk, buffer.count))
        if n > 0 { _ = Glibc.fsync(fd) }
        return n
    }

    func fsync(_ fd: Int32) -> Int32 { Glibc.fsync(fd) }
}
