import Foundation
@testable import MinutesCore
import Testing

@Suite("Reliability: minutes repair")
struct ReliabilityRepairTests {
    let torn = "2009-01-21T10:00:00.000Z 4k7q2m9x8c1v note project=stay-safe/1 text=\"Trainer bo"
    let noon = Date(timeIntervalSince1970: 1_245_931_200)  // 2009-06-25T12:00:00Z

    @Test func tornLastLineMovesToAPrivateSideFile() throws {
        let dir = try RelTemp("repair-moves")
        let (journal, _) = try dir.seededJournal()
        let good = relRead(journal)
        try relAppend(journal, torn)
        let inode = relInode(journal)
        let outcome = try JournalRepair.repair(path: journal, now: noon)
        guard case .moved(let m) = outcome else {
            Issue.record("nothing was moved")
            return
        }
        let side = journal + ".torn-20090625T120000"
        #expect(m.sideFile == side)
        #expect(m.line == good.filter { $0 == 10 }.count + 1)
        #expect(m.byteCount == torn.utf8.count)
        #expect(outcome.description.contains("moved the incomplete line \(m.line)"))
        #expect(outcome.description.contains(side))
        #expect(relRead(side) == Array(torn.utf8))
        #expect(relMode(side) == 0o600)
        #expect(relRead(journal) == good)
        #expect(relMode(journal) == 0o600)
        #expect(relInode(journal) != inode, "the journal is rewritten through a new file")
        let loaded = try JournalLoader.load(path: journal)
        #expect(loaded.tornLine == nil && !loaded.hasErrors)
        // Only the journal, its lock and the side file: no temporary file left behind.
        #expect(dir.names() == ["minutes.journal", "minutes.journal.lock", "minutes.journal.torn-20090625T120000"])
        // A session opens writable again.
        #expect(try JournalSession(path: journal).isWritable)
    }

    @Test func sessionOnATornJournalIsReadOnlyUntilRepaired() throws {
        let dir = try RelTemp("repair-session")
        let (journal, _) = try dir.seededJournal()
        try relAppend(journal, torn)
        let app = try JournalSession(path: journal, locking: .none)
        #expect(!app.isWritable)
        #expect(app.readOnlyReason == .problems)
        #expect(app.tornLine == relRead(journal).filter { $0 == 10 }.count + 1)
        _ = try JournalRepair.repair(path: journal)
        guard case .reloaded = try app.refresh() else {
            Issue.record("the repaired journal was not replayed")
            return
        }
        #expect(app.isWritable)
    }

    @Test func problemBeforeTheLastLineIsNeverRepaired() throws {
        let dir = try RelTemp("repair-refuses")
        let journal = try dir.journal(lines: [
            "2009-01-20T09:00:00.000Z nyqr6vj34cws person initials=RO name=\"Rosa Okafor\"",
            "2009-01-20T09:01:00.000Z ywh24e0na621 persn initials=JB name=\"Jamal Bashir\"",
        ])
        try relAppend(journal, torn)
        let before = relRead(journal)
        do {
            _ = try JournalRepair.repair(path: journal, now: noon)
            Issue.record("a journal with an error was repaired")
        } catch let e as JournalRepair.RepairError {
            guard case .problemBeforeLastLine(_, let d) = e else {
                Issue.record("wrong refusal: \(e)")
                return
            }
            #expect(d.line == 3)
            #expect(e.description.contains("line 3"))
            #expect(e.description.contains("minutes check"))
            #expect(e.description.contains("changes nothing else"))
        }
        #expect(relRead(journal) == before)
        #expect(!dir.names().contains { $0.contains(".torn-") })
    }

    @Test func completeJournalHasNothingToRepair() throws {
        let dir = try RelTemp("repair-nothing")
        let (journal, _) = try dir.seededJournal()
        let before = relRead(journal)
        #expect(try JournalRepair.repair(path: journal) == .nothingToRepair(journal: journal))
        #expect(relRead(journal) == before)
    }

    @Test func fileWithoutACompleteLineIsRefused() throws {
        let dir = try RelTemp("repair-no-line")
        let path = dir.file("minutes.journal")
        try SecureFile.createNew(path, bytes: Array("minutes-jour".utf8))
        #expect(throws: JournalRepair.RepairError.self) { try JournalRepair.repair(path: path) }
        #expect(relRead(path) == Array("minutes-jour".utf8))
    }

    @Test func dryRunSaysWhatWouldMoveAndChangesNothing() throws {
        let dir = try RelTemp("repair-dry")
        let (journal, _) = try dir.seededJournal()
        try relAppend(journal, torn + "\u{1B}[31m")
        let before = relRead(journal)
        let outcome = try JournalRepair.repair(path: journal, dryRun: true)
        #expect(outcome.description.contains("would move"))
        #expect(!outcome.description.contains("\u{1B}"), "terminal escapes in the torn bytes are shown escaped")
        #expect(relRead(journal) == before)
    }

    @Test func repairRefusesWhileTheAppHoldsTheLock() throws {
        let dir = try RelTemp("repair-locked")
        let (journal, _) = try dir.seededJournal()
        let app = try JournalSession(path: journal, locking: .session())
        try relAppend(journal, torn)
        let before = relRead(journal)
        #expect(throws: JournalLockError.self) {
            _ = try JournalRepair.repair(path: journal, lockWait: .milliseconds(50))
        }
        #expect(relRead(journal) == before)
        // The app itself may repair with the lock it holds.
        guard case .moved = try JournalRepair.repair(path: journal, lock: app.lock) else {
            Issue.record("the app could not repair with its own lock")
            return
        }
    }

    @Test func secondRepairInTheSameSecondGetsItsOwnSideFile() throws {
        let dir = try RelTemp("repair-twice")
        let (journal, _) = try dir.seededJournal()
        try relAppend(journal, torn)
        _ = try JournalRepair.repair(path: journal, now: noon)
        try relAppend(journal, "2009-01-21")
        guard case .moved(let m) = try JournalRepair.repair(path: journal, now: noon) else {
            Issue.record("the second torn tail was not moved")
            return
        }
        #expect(m.sideFile == journal + ".torn-20090625T120000-2")
        #expect(relRead(journal + ".torn-20090625T120000") == Array(torn.utf8))
        #expect(relRead(journal + ".torn-20090625T120000-2") == Array("2009-01-21".utf8))
    }
}
