import Foundation
@testable import MinutesCore
import Testing

/// System calls that fail on demand: a full disk, an I/O error at fsync, a short write.
final class RelFailingOps: JournalFileOps, @unchecked Sendable {
    enum Mode { case works, writeFails(Int32), fsyncFails(Int32), shortWriteThenFails(bytes: Int, Int32) }
    private let lock = NSLock()
    private var _mode: Mode = .works
    var mode: Mode {
        get { lock.lock(); defer { lock.unlock() }; return _mode }
        set { lock.lock(); _mode = newValue; lock.unlock() }
    }
    private var wroteShort = false

    func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
        switch mode {
        case .works, .fsyncFails:
            return Glibc.write(fd, buffer.baseAddress, buffer.count)
        case .writeFails(let code):
            errno = code
            return -1
        case .shortWriteThenFails(let n, let code):
            lock.lock()
            let first = !wroteShort
            wroteShort = true
            lock.unlock()
            if first { return Glibc.write(fd, buffer.baseAddress, min(n, buffer.count)) }
            errno = code
            return -1
        }
    }

    func fsync(_ fd: Int32) -> Int32 {
        if case .fsyncFails(let code) = mode {
            errno = code
            return -1
        }
        return Glibc.fsync(fd)
    }
}

@Suite("Reliability: a failing write is never shown as saved")
struct ReliabilityWriteFailureTests {
    let ref = ProjectRef(group: "stay-safe", number: 1)

    func open(_ locking: JournalLocking, _ mode: RelFailingOps.Mode) throws -> (RelTemp, String, JournalSession, RelFailingOps, EventID) {
        let dir = try RelTemp("write-fail")
        let (journal, todo) = try dir.seededJournal()
        let ops = RelFailingOps()
        let session = try JournalSession(path: journal, locking: locking, ops: ops)
        ops.mode = mode
        return (dir, journal, session, ops, todo)
    }

    func expectNothingSaved(_ session: JournalSession, _ journal: String, before: [UInt8], dump: String,
                            errno code: Int32, operation: String) throws {
        // Written as it was, and the state shows nothing new.
        #expect(relRead(journal) == before)
        #expect(relDump(session.state) == dump)
        #expect(!session.isWritable)
        guard case .writeFailed(let why)? = session.readOnlyReason else {
            Issue.record("the session did not say the write failed")
            return
        }
        #expect(why.contains(operation))
        // Nothing more is written, even when the disk is back.
        #expect(throws: RecordError.self) { try session.record(.note(ref, meeting: nil, text: "later")) }
        #expect(relRead(journal) == before)
        let reopened = try JournalLoader.load(path: journal)
        #expect(relDump(reopened.state) == dump)
        #expect(reopened.tornLine == nil)
    }

    @Test(arguments: [ENOSPC, EIO, EDQUOT])
    func failedWriteChangesNothing(code: Int32) throws {
        let (dir, journal, session, _, _) = try open(.perRecord(), .writeFails(code))
        let before = relRead(journal), dump = relDump(session.state)
        do {
            try session.record(.note(ref, meeting: nil, text: "Trainer booked"))
            Issue.record("a failed write was reported saved")
        } catch let e as JournalFileError {
            #expect(e.reason == .io(operation: "write", errno: code))
        }
        try expectNothingSaved(session, journal, before: before, dump: dump, errno: code, operation: "write")
        withExtendedLifetime(dir) {}
    }

    @Test(arguments: [EIO, ENOSPC])
    func failedFsyncIsNotSavedAndTheLineIsTakenBack(code: Int32) throws {
        let (dir, journal, session, _, _) = try open(.session(), .fsyncFails(code))
        let before = relRead(journal), dump = relDump(session.state)
        do {
            try session.record(.note(ref, meeting: nil, text: "Trainer booked"))
            Issue.record("an entry whose fsync failed was reported saved")
        } catch let e as JournalFileError {
            #expect(e.reason == .io(operation: "fsync", errno: code))
        }
        try expectNothingSaved(session, journal, before: before, dump: dump, errno: code, operation: "fsync")
        withExtendedLifetime(dir) {}
    }

    @Test func shortWriteThenFullDiskIsTakenBackUnderTheLock() throws {
        let (dir, journal, session, _, todo) = try open(.perRecord(), .shortWriteThenFails(bytes: 17, ENOSPC))
        let before = relRead(journal), dump = relDump(session.state)
        #expect(throws: JournalFileError.self) {
            try session.record([.done(ref: todo, meeting: nil, outcome: "booked"), .note(ref, meeting: nil, text: "booked")])
        }
        try expectNothingSaved(session, journal, before: before, dump: dump, errno: ENOSPC, operation: "write")
        withExtendedLifetime(dir) {}
    }

    /// Without the lock too, the writer cuts a failed append back when the file still ends
    /// with its bytes (nobody appended after them); replay and repair handle the torn tail a
    /// cut that fails would leave (see CrashTests).
    @Test func shortWriteWithoutTheLockIsTakenBackToo() throws {
        let (dir, journal, session, _, todo) = try open(.none, .shortWriteThenFails(bytes: 17, ENOSPC))
        let before = relRead(journal), dump = relDump(session.state)
        #expect(throws: JournalFileError.self) {
            try session.record([.done(ref: todo, meeting: nil, outcome: "booked"), .note(ref, meeting: nil, text: "booked")])
        }
        try expectNothingSaved(session, journal, before: before, dump: dump, errno: ENOSPC, operation: "write")
        withExtendedLifetime(dir) {}
    }
}
