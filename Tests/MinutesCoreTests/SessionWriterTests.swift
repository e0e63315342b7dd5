import Foundation
import Testing
@testable import MinutesCore

/// System calls that fail on demand: a full disk part-way through a write, or a failing fsync.
final class FaultyFileOps: JournalFileOps, @unchecked Sendable {
    enum Fault {
        case none
        /// Writes this many bytes of the next write, then fails every write with ENOSPC.
        case diskFullAfter(bytes: Int)
        /// Writes succeed; fsync fails with EIO.
        case fsyncFails
    }

    private let lock = NSLock()
    private var fault: Fault
    private(set) var writes = 0

    init(_ fault: Fault = .none) { self.fault = fault }

    func set(_ f: Fault) { lock.withLock { fault = f } }

    func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
        lock.withLock {
            writes += 1
            switch fault {
            case .none, .fsyncFails:
                return Glibc.write(fd, buffer.baseAddress, buffer.count)
            case .diskFullAfter(let n):
                guard n > 0 else {
                    errno = ENOSPC
                    return -1
                }
                fault = .diskFullAfter(bytes: 0)
                return Glibc.write(fd, buffer.baseAddress, min(n, buffer.count))
            }
        }
    }

    func fsync(_ fd: Int32) -> Int32 {
        lock.withLock {
            if case .fsyncFails = fault {
                errno = EIO
                return -1
            }
            return Glibc.fsync(fd)
        }
    }
}

@Suite struct SessionWriterTests {
    /// A journal file with a group, a project and a meeting, made through the writer.
    func makeJournal(in folder: TemporaryFolder) throws -> String {
        let path = folder.file("minutes.journal")
        try JournalWriter.create(path: path)
        var b = JournalBuilder()
        b.person("KP", "Kieran Patel")
        b.group("g")
        b.project("g/1")
        b.meeting("g", "2024-01-10")
        b.todo("g/1", ["KP"], "phone the school")
        try JournalWriter(path: path).append(b.events)
        return path
    }

    let clock: @Sendable () -> Timestamp = { stamp("2024-01-10T10:00:00.000Z") }

    @Test func recordWritesTheLineAndUpdatesTheStateToMatchTheFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try makeJournal(in: folder)
        let session = try JournalSession(path: path, clock: clock)
        #expect(session.isWritable)
        let e = try session.record(.note(proj("g/1"), meeting: nil, text: "He said \"yes\"\nthen left"))
        let bytes = try readBytes(path)
        #expect(String(decoding: bytes, as: UTF8.self).hasSuffix(EventWriter.line(for: e) + "\n"))
        let reloaded = try JournalLoader.load(path: path)
        #expect(!reloaded.hasErrors)
        #expect(canonicalDump(reloaded.state) == canonicalDump(session.state))
    }

    @Test func recordedEventsAreStampedInOrderEvenWhenTheClockStandsStill() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try makeJournal(in: folder)
        // The clock stands still at the journal's last moment: each event still comes after
        // the one before.
        let last = try JournalLoader.load(path: path).state.lastTimestamp
        let session = try JournalSession(path: path, clock: { last })
        let a = try session.record(.note(proj("g/1"), meeting: nil, text: "first"))
        let b = try session.record(.note(proj("g/1"), meeting: nil, text: "second"))
        #expect(a.timestamp > JournalLoader.load(text: "minutes-journal 1\n").state.lastTimestamp)
        #expect(a.timestamp.milliseconds + 1 == b.timestamp.milliseconds)
        #expect(session.state.notes(of: proj("g/1")).map(\.text) == ["first", "second"])
        let reloaded = try JournalLoader.load(path: path)
        #expect(!reloaded.wasReordered)
    }

    @Test func recordRejectsAnInvalidEventWithoutTouchingTheFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try makeJournal(in: folder)
        let session = try JournalSession(path: path, clock: clock)
        let before = try readBytes(path)
        let dump = canonicalDump(session.state)
        let invalid: [EventBody] = [
            .note(proj("g/9"), meeting: nil, text: "unknown project"),
            .note(proj("g/1"), meeting: nil, text: ""),  // would not read back
            .note(proj("g/1"), meeting: nil, text: "   "),
            .done(ref: EventID(value: 12345), meeting: nil, outcome: nil),
            .person(Person(initials: "kp", name: "lower-case initials")),
            .amend(ref: session.state.items.keys.first!, text: "x", owners: []),  // empty owners do not read back
        ]
        for body in invalid {
            #expect(throws: RecordError.self) { try session.record(body) }
        }
        #expect(try readBytes(path) == before)
        #expect(canonicalDump(session.state) == dump)
        #expect(session.isWritable)
    }

    @Test func recordingSeveralEventsIsAllOrNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try makeJournal(in: folder)
        let session = try JournalSession(path: path, clock: clock)
        let before = try readBytes(path)
        #expect(throws: RecordError.self) {
            try session.record([.note(proj("g/1"), meeting: nil, text: "fine"), .note(proj("g/9"), meeting: nil, text: "bad")])
        }
        #expect(try readBytes(path) == before)
        let events = try session.record([.note(proj("g/1"), meeting: nil, text: "one"), .note(proj("g/1"), meeting: nil, text: "two")])
        #expect(events.count == 2)
        #expect(canonicalDump(try JournalLoader.load(path: path).state) == canonicalDump(session.state))
    }

    /// After a failed write: the error is thrown, the state is unchanged, the session is
    /// read-only, and the file holds what it held plus at most an incomplete last line.
    func checkFailedWrite(_ fault: FaultyFileOps.Fault) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try makeJournal(in: folder)
        let ops = FaultyFileOps()
        let session = try JournalSession(path: path, ops: ops, clock: clock)
        let before = try readBytes(path)
        let dump = canonicalDump(session.state)
        ops.set(fault)
        #expect(throws: JournalFileError.self) {
            try session.record(.note(proj("g/1"), meeting: nil, text: "not saved"))
        }
        #expect(canonicalDump(session.state) == dump)
        #expect(!session.isWritable)
        let after = try readBytes(path)
        #expect(after.starts(with: before))
        #expect(!after.dropFirst(before.count).contains(10), "a complete line was left in the journal")
        // On a working file system the failed append is cut back off entirely.
        #expect(after == before)
        let reloaded = try JournalLoader.load(path: path)
        #expect(canonicalDump(reloaded.state) == dump)
        // Nothing more is written once read-only.
        ops.set(.none)
        let writes = ops.writes
        #expect(throws: RecordError.self) { try session.record(.note(proj("g/1"), meeting: nil, text: "later")) }
        #expect(ops.writes == writes)
    }

    @Test func aWriteFailingPartWayLeavesTheJournalAsItWasAndTheSessionReadOnly() throws {
        try checkFailedWrite(.diskFullAfter(bytes: 20))
    }

    @Test func aWriteFailingAtOnceLeavesTheJournalAsItWasAndTheSessionReadOnly() throws {
        try checkFailedWrite(.diskFullAfter(bytes: 0))
    }

    @Test func aFailingFsyncLeavesTheJournalAsItWasAndTheSessionReadOnly() throws {
        try checkFailedWrite(.fsyncFails)
    }

    @Test func aJournalWithErrorsOrATornTailOpensReadOnly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try makeJournal(in: folder)
        let good = try readBytes(path)
        try writeBytes(good + Array("2024-02-01T00:00:00.000Z 0000".utf8), to: path)
        let torn = try JournalSession(path: path)
        #expect(!torn.isWritable)
        #expect(torn.tornLine != nil)
        try writeBytes(good + Array("2024-02-01T00:00:00.000Z 00000000000a memo\n".utf8), to: path)
        let broken = try JournalSession(path: path)
        #expect(!broken.isWritable)
        #expect(broken.diagnostics.hasErrors)
        #expect(throws: RecordError.self) { try broken.record(.note(proj("g/1"), meeting: nil, text: "x")) }
        try writeBytes(good, to: path)
        #expect(try !JournalSession(path: path, writable: false).isWritable)
    }

    @Test func createMakesAPrivateJournalWhateverTheUmask() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("new.journal")
        let old = umask(0)
        defer { umask(old) }
        try JournalWriter.create(path: path)
        var st = stat()
        #expect(stat(path, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)
        #expect(try readBytes(path) == Array("minutes-journal 2\n".utf8))
        let j = try JournalLoader.load(path: path)
        #expect(j.diagnostics.isEmpty)
    }

    @Test func createRefusesAnExistingFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("existing.journal")
        try writeBytes(Array("precious\n".utf8), to: path)
        #expect { try JournalWriter.create(path: path) } throws: { ($0 as? JournalFileError)?.reason == .alreadyExists }
        #expect(try readBytes(path) == Array("precious\n".utf8))
    }

    @Test func createRefusesASymbolicLinkAndDoesNotCreateItsTarget() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let target = folder.file("target")
        let link = folder.file("link.journal")
        #expect(symlink(target, link) == 0)
        #expect { try JournalWriter.create(path: link) } throws: { ($0 as? JournalFileError)?.reason == .symlink }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func openingForAppendRefusesASymbolicLink() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try makeJournal(in: folder)
        let link = folder.file("link.journal")
        #expect(symlink(path, link) == 0)
        #expect { try JournalWriter(path: link) } throws: { ($0 as? JournalFileError)?.reason == .symlink }
    }

    @Test func openingForAppendRefusesATornJournal() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try makeJournal(in: folder)
        let good = try readBytes(path)
        try writeBytes(good + Array("2024-02-01T00:00:00.000Z".utf8), to: path)
        #expect { try JournalWriter(path: path) } throws: { ($0 as? JournalFileError)?.reason == .tornTail }
        try writeBytes(good, to: path)
        _ = try JournalWriter(path: path)
    }

    @Test func openingAMissingJournalOrAFolderSaysWhich() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect { try JournalLoader.load(path: folder.file("none")) } throws: { ($0 as? JournalFileError)?.reason == .notFound }
        #expect { try JournalLoader.load(path: folder.path) } throws: { ($0 as? JournalFileError)?.reason == .isDirectory }
        #expect { try JournalWriter(path: folder.path) } throws: { ($0 as? JournalFileError)?.reason == .isDirectory }
    }
}
