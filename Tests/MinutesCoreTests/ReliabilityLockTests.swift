import Foundation
@testable import MinutesCore
import Testing

@Suite("Reliability: the journal lock")
struct ReliabilityLockTests {
    @Test func lockFileIsPrivateAndNamesItsHolder() throws {
        let dir = try RelTemp("lock-holder")
        let journal = try dir.journal()
        let lock = try JournalLock.acquire(journal: journal, program: "minutes")
        #expect(relMode(journal + ".lock") == 0o600)
        let holder = try #require(JournalLock.holder(of: journal))
        #expect(holder.pid == getpid())
        #expect(holder.host == JournalLock.hostName)
        #expect(holder.program == "minutes")
        #expect(holder.started == lock.info.started)
        #expect(holder.isThisProcess)
        #expect(holder.isRunning == true)
        #expect(holder.sentence.contains("process \(getpid())"))
        #expect(holder.sentence.contains(JournalLock.hostName))
        #expect(holder.sentence.contains("read-only"))
        lock.release()
        #expect(JournalLock.holder(of: journal) == nil)
    }

    @Test func secondTakerWaitsThenIsRefusedWithTheHolder() throws {
        let dir = try RelTemp("lock-second")
        let journal = try dir.journal()
        let first = try JournalLock.acquire(journal: journal)
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try JournalLock.acquire(journal: journal, wait: .milliseconds(200))
            Issue.record("a second lock was granted")
        } catch let e as JournalLockError {
            #expect(e.holder.pid == getpid())
            #expect(e.description.contains("nothing was written"))
        }
        let waited = clock.now - start
        #expect(waited >= .milliseconds(200))
        #expect(waited < .seconds(2))
        first.release()
        let again = try JournalLock.acquire(journal: journal)
        #expect(again.isHeld)
    }

    @Test func staleLockFileFromAnotherHostIsTakenOver() throws {
        let dir = try RelTemp("lock-stale")
        let journal = try dir.journal()
        let stale = "pid=999999\nhost=some-other-laptop\nstarted=2009-06-26T10:15:03.120Z\nprogram=minutes\n"
        try SecureFile.createNew(journal + ".lock", bytes: Array(stale.utf8))
        // No process holds a kernel lock on it, whatever it says.
        #expect(JournalLock.holder(of: journal) == nil)
        let lock = try JournalLock.acquire(journal: journal, wait: .zero)
        let text = String(decoding: relRead(journal + ".lock"), as: UTF8.self)
        #expect(text.contains("pid=\(getpid())"))
        #expect(!text.contains("some-other-laptop"))
        #expect(JournalLock.holder(of: journal)?.pid == getpid())
        lock.release()
    }

    @Test func staleLockFileOfADeadLocalProcessIsTakenOver() throws {
        let dir = try RelTemp("lock-dead")
        let journal = try dir.journal()
        let dead = "pid=2147483000\nhost=\(JournalLock.hostName)\nstarted=2009-06-26T10:15:03.120Z\n"
        try SecureFile.createNew(journal + ".lock", bytes: Array(dead.utf8))
        #expect(LockHolder(fileText: dead)?.isRunning == false)
        #expect(JournalLock.holder(of: journal) == nil)
        _ = try JournalLock.acquire(journal: journal, wait: .zero)
    }

    @Test func replacedLockFileIsDetectedAndTheNewOneCanBeLocked() throws {
        let dir = try RelTemp("lock-replaced")
        let journal = try dir.journal()
        let lock = try JournalLock.acquire(journal: journal)
        #expect(lock.isStillValid)
        unlink(journal + ".lock")
        #expect(!lock.isStillValid)
        let other = try JournalLock.acquire(journal: journal, wait: .zero)
        #expect(other.isStillValid)
        #expect(!lock.isStillValid)
    }

    @Test func appHoldsTheLockAndASecondAppOpensReadOnlyNamingTheHolder() throws {
        let dir = try RelTemp("lock-apps")
        let (journal, _) = try dir.seededJournal()
        let app = try JournalSession(path: journal, locking: .session())
        #expect(app.isWritable)
        let second = try JournalSession(path: journal, locking: .session(wait: .milliseconds(100)))
        #expect(!second.isWritable)
        let holder = try #require(second.lockHolder)
        #expect(holder.pid == getpid())
        #expect(second.readOnlyReason == .locked(holder))
        #expect(second.readOnlyReason?.description.contains("read-only") == true)
        let before = relRead(journal)
        #expect(throws: RecordError.self) {
            try second.record(.person(Person(initials: "JB", name: "Jamal Bashir")))
        }
        #expect(relRead(journal) == before)
        // The first app still writes, and the second follows.
        let e = try app.record(.person(Person(initials: "AT", name: "Aoife Twomey")))
        guard case .appended(let events) = try second.refresh() else {
            Issue.record("the second app did not see the append")
            return
        }
        #expect(events.map(\.id) == [e.id])
    }

    @Test func secondAppBecomesWritableWhenTheFirstCloses() throws {
        let dir = try RelTemp("lock-retry")
        let (journal, _) = try dir.seededJournal()
        var app: JournalSession? = try JournalSession(path: journal, locking: .session())
        let second = try JournalSession(path: journal, locking: .session(wait: .zero))
        #expect(!second.isWritable)
        #expect(!second.retryLock())
        #expect(app?.isWritable == true)
        app = nil
        #expect(second.retryLock())
        #expect(second.isWritable)
        try second.record(.person(Person(initials: "JB", name: "Jamal Bashir")))
        #expect(JournalLock.holder(of: journal)?.pid == getpid())
    }

    @Test func commandLineRecordWaitsForTheAppThenRefusesNamingIt() throws {
        let dir = try RelTemp("lock-cli")
        let (journal, _) = try dir.seededJournal()
        let app = try JournalSession(path: journal, locking: .session())
        let cli = try JournalSession(path: journal, locking: .perRecord(wait: .milliseconds(150)))
        #expect(cli.isWritable)
        let before = relRead(journal)
        do {
            try cli.record(.person(Person(initials: "JB", name: "Jamal Bashir")))
            Issue.record("the command line wrote while the app held the lock")
        } catch let e as JournalLockError {
            #expect(e.holder.pid == getpid())
            #expect(e.holder.program == "minutes")
        }
        #expect(relRead(journal) == before)
        #expect(cli.state.person("JB") == nil)
        withExtendedLifetime(app) {}
    }

    @Test func commandLineRecordTakesTheLockBrieflyAndTheAppSeesIt() throws {
        let dir = try RelTemp("lock-cli-ok")
        let (journal, _) = try dir.seededJournal()
        let viewer = try JournalSession(path: journal, writable: false)
        let cli = try JournalSession(path: journal)
        let e = try cli.record(.person(Person(initials: "JB", name: "Jamal Bashir")))
        #expect(JournalLock.holder(of: journal) == nil)
        #expect(relMode(journal + ".lock") == 0o600)
        guard case .appended(let events) = try viewer.refresh() else {
            Issue.record("the append was not seen")
            return
        }
        #expect(events.map(\.id) == [e.id])
        #expect(viewer.state.person("JB")?.name == "Jamal Bashir")
    }
}
