import Foundation
@testable import MinutesCore
import Testing

/// Issue 20, "many hands on one journal": drafts that belong to their instance, writers that
/// lock per append, a session that recovers by itself, and temporary files left behind.
@Suite("Reliability: many hands on one journal")
struct ReliabilityManyHandsTests {
    let ref = ProjectRef(group: "stay-safe", number: 1)

    /// A process id that no longer runs: a child that has exited and been reaped.
    static func deadPid() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    // MARK: Drafts (defect 1)

    @Test func secondInstanceNeverDeletesOrOverwritesTheFirstInstancesDraft() throws {
        let dir = try RelTemp("draft-two-instances")
        let journal = try dir.journal()
        let first = DraftStore(journalPath: journal)
        try first.save(text: "RO to call the trainer about", context: "note stay-safe/1")
        let second = DraftStore(journalPath: journal)
        #expect(second.path != first.path)
        // The second instance sees the first's draft, running, so only to show it.
        let others = second.othersDrafts()
        #expect(others.map(\.path) == [first.path])
        #expect(others.first?.isLeftBehind == false)
        #expect(second.restorable() == nil)
        #expect(throws: DraftError.self) { try second.adopt(others[0]) }
        // Whatever the second does with its own draft (type, Esc, quit), the first's stays.
        try second.save(text: "something else", context: "todo stay-safe/1")
        try second.clear()
        #expect(try first.load()?.text == "RO to call the trainer about")
    }

    @Test func draftOfAnEndedInstanceIsOfferedAndTakenOverOnce() throws {
        let dir = try RelTemp("draft-left-behind")
        let journal = try dir.journal()
        let dead = DraftOwner(pid: try Self.deadPid(), host: JournalLock.hostName, startTicks: nil)
        let crashed = DraftStore(journalPath: journal, owner: dead)
        try crashed.save(text: "KP to e-mail the organisation", context: "todo stay-safe/1")
        let a = DraftStore(journalPath: journal), b = DraftStore(journalPath: journal)
        let offered = try #require(a.restorable())
        #expect(offered.isLeftBehind)
        #expect(offered.draft.text == "KP to e-mail the organisation")
        let restored = try a.adopt(offered)
        #expect(restored.text == offered.draft.text)
        #expect(try a.load()?.text == offered.draft.text, "the draft is now the taker's own")
        #expect(access(crashed.path, F_OK) != 0)
        // A second taker starting at the same moment gets nothing: one rename wins.
        #expect(throws: DraftError.alreadyTaken(crashed.path)) { try b.adopt(offered) }
        #expect(b.restorable() == nil, "a's draft belongs to a running instance now")
    }

    @Test func reusedProcessIdDoesNotMakeADeadOwnerLookAlive() throws {
        let me = DraftOwner.current
        #expect(me.isRunning)
        var impostor = me
        impostor.startTicks = (me.startTicks ?? 1) + 12345
        #expect(!impostor.isRunning, "same pid, other start time: another process")
        let elsewhere = DraftOwner(pid: 1, host: "another-laptop", startTicks: nil)
        #expect(elsewhere.isRunning, "another host's draft is never taken")
    }

    @Test func draftOfAnOlderVersionWithoutOwnerIsOfferedForRestoring() throws {
        let dir = try RelTemp("draft-legacy")
        let journal = try dir.journal()
        let legacy = "{\"context\":\"note stay-safe/1\",\"format\":\"minutes-draft 1\",\"saved\":\"2009-06-25T10:00:00.000Z\",\"text\":\"old draft\"}\n"
        try SecureFile.createNew(DraftStore.legacyDraftPath(for: journal), bytes: Array(legacy.utf8))
        let store = DraftStore(journalPath: journal)
        let offered = try #require(store.restorable())
        #expect(offered.owner == nil)
        #expect(try store.adopt(offered).text == "old draft")
        #expect(dir.names() == ["minutes.journal", (store.path as NSString).lastPathComponent])
    }

    // MARK: Per-record locking (defect 3)

    @Test func appAndCommandLineBothWriteWhileTheAppIsOpenAndSeeEachOther() throws {
        let dir = try RelTemp("per-record-both")
        let (journal, _) = try dir.seededJournal()
        let app = try JournalSession(path: journal, locking: .perRecord())
        #expect(app.isWritable)
        #expect(JournalLock.holder(of: journal) == nil, "the app holds no lock between writes")
        let cli = try JournalSession(path: journal, locking: .perRecord(wait: .milliseconds(50)))
        let fromCLI = try cli.record(.note(ref, meeting: nil, text: "from the command line"))
        let fromApp = try app.record(.note(ref, meeting: nil, text: "from the app"))
        // The app applied the command line's entry before writing its own.
        #expect(app.state.contains(fromCLI.id))
        guard case .appended(let events) = try cli.refresh() else {
            Issue.record("the command line's session did not see the app's entry")
            return
        }
        #expect(events.map(\.id) == [fromApp.id])
    }

    @Test func lockHeldByADeadProcessIsNoObstacle() throws {
        let dir = try RelTemp("per-record-dead-holder")
        let (journal, _) = try dir.seededJournal()
        let dead = try Self.deadPid()
        try SecureFile.replace(journal + ".lock", with: Array("pid=\(dead)\nhost=\(JournalLock.hostName)\nprogram=minutes\n".utf8))
        let app = try JournalSession(path: journal, locking: .perRecord(wait: .zero))
        let written = try app.record(.note(ref, meeting: nil, text: "written at once"))
        #expect(String(decoding: relRead(journal), as: UTF8.self).contains(written.id.text))
    }

    // MARK: Recovering without a restart (defect 4)

    @Test func sessionBecomesWritableAgainOnceTheJournalIsRepairedAndSaysSo() throws {
        let dir = try RelTemp("recover-repaired")
        let (journal, _) = try dir.seededJournal()
        try relAppend(journal, "2009-01-2")
        let app = try JournalSession(path: journal, locking: .perRecord())
        #expect(!app.isWritable)
        #expect(app.recheckWritability() == nil, "nothing changed yet")
        _ = try JournalRepair.repair(path: journal)
        try app.refresh()
        #expect(app.recheckWritability() == .becameWritable)
        #expect(app.recheckWritability() == nil, "each change is reported once")
        #expect(throws: Never.self) { try app.record(.note(ref, meeting: nil, text: "after the repair")) }
    }

    @Test func sessionBecomesWritableAgainOnceTheDiskHasRoom() throws {
        let dir = try RelTemp("recover-disk")
        let (journal, _) = try dir.seededJournal()
        let ops = FailingOps()
        ops.failWith = ENOSPC
        let app = try JournalSession(path: journal, locking: .perRecord(), ops: ops)
        #expect(throws: JournalFileError.self) { try app.record(.note(ref, meeting: nil, text: "no room")) }
        #expect(!app.isWritable)
        guard case .writeFailed? = app.readOnlyReason else {
            Issue.record("not read-only after a failed write: \(String(describing: app.readOnlyReason))")
            return
        }
        // The test folder's disk has room: the next look makes the session writable again.
        ops.failWith = nil
        #expect(app.recheckWritability() == .becameWritable)
        try app.record(.note(ref, meeting: nil, text: "room again"))
        #expect(String(decoding: relRead(journal), as: UTF8.self).contains("room again"))
        #expect(!String(decoding: relRead(journal), as: UTF8.self).contains("no room"))
    }

    @Test func sessionOpenedReadOnlyOnPurposeStaysReadOnly() throws {
        let dir = try RelTemp("recover-requested")
        let (journal, _) = try dir.seededJournal()
        let viewer = try JournalSession(path: journal, writable: false)
        #expect(viewer.recheckWritability() == nil)
        #expect(!viewer.isWritable)
    }

    // MARK: Temporary files and permissions (defect 9)

    @Test func temporaryCopyOfAnEndedRewriteIsFoundAndRemovedButALiveOneIsLeft() throws {
        let dir = try RelTemp("stale-temp")
        let (journal, _) = try dir.seededJournal()
        let stale = dir.file(".minutes.journal.tmp-\(try Self.deadPid())-abc")
        let live = dir.file(".minutes.journal.tmp-\(getpid())-def")
        try SecureFile.createNew(stale, bytes: relRead(journal))
        try SecureFile.createNew(live, bytes: [1])
        #expect(TemporaryFiles.stale(of: journal).map(\.path) == [stale])
        // Repair removes it (and has nothing else to do).
        #expect(try JournalRepair.repair(path: journal) == .nothingToRepair(journal: journal))
        #expect(access(stale, F_OK) != 0)
        #expect(access(live, F_OK) == 0)
    }

    @Test func sideFilesOfAJournalAreRecognised() {
        let j = "/data/minutes.journal"
        for side in [j, j + ".lock", j + ".draft", j + ".draft-42-abc", j + ".torn-20090625T120000",
                     "/data/.minutes.journal.tmp-42-x", "/data/.minutes.journal.draft-42-abc.tmp-43-y", "/data/./minutes.journal.lock"] {
            #expect(JournalSideFiles.isJournalOrSideFile(side, of: j), "\(side)")
        }
        for other in ["/data/minutes.docx", "/other/minutes.journal.lock", "/data/minutes.journal2", "/data/report.tmp-1"] {
            #expect(!JournalSideFiles.isJournalOrSideFile(other, of: j), "\(other)")
        }
    }

    @Test func journalMadeReadableByGitIsPrivateAgainOnceOpenedForWriting() throws {
        let dir = try RelTemp("perm-after-clone")
        let (journal, _) = try dir.seededJournal()
        chmod(journal, 0o644)  // what git clone or git pull leaves under umask 022
        _ = try JournalSession(path: journal)
        #expect(relMode(journal) == 0o600)
    }
}

/// System calls that fail with a chosen errno (nil: the real calls).
final class FailingOps: JournalFileOps, @unchecked Sendable {
    var failWith: Int32?
    func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
        if let failWith {
            errno = failWith
            return -1
        }
        return Glibc.write(fd, buffer.baseAddress, buffer.count)
    }
    func fsync(_ fd: Int32) -> Int32 { Glibc.fsync(fd) }
}
