import Foundation
@testable import MinutesCore
import Testing

/// Issue 20, defect 2: repair never removes a complete, valid event, and check and repair
/// give one answer about line ends (both follow `RepairPlan`).
@Suite("Reliability: line ends, one answer from check and repair")
struct ReliabilityLineEndTests {
    @Test func validLastLineWithoutLineBreakGetsOneAndNothingIsMoved() throws {
        let dir = try RelTemp("line-end-valid-tail")
        let (journal, _) = try dir.seededJournal()
        let whole = relRead(journal)
        // What VS Code or Notepad leave: the last entry without its line break.
        try SecureFile.replace(journal, with: Array(whole.dropLast()))
        let lines = whole.split(separator: 10).count
        let plan = RepairPlan.make(for: relRead(journal))
        #expect(plan.steps == [.addLineBreak(line: lines)])
        #expect(plan.diagnostics.first?.hint?.contains("add the missing line break") == true)
        guard case .repaired(let r) = try JournalRepair.repair(path: journal) else {
            Issue.record("repair did not add the line break")
            return
        }
        #expect(r.sideFile == nil)
        #expect(r.description.contains("added the missing line break at the end of line \(lines)"))
        #expect(relRead(journal) == whole, "the event is back, byte for byte, with its line break")
        #expect(!dir.names().contains { $0.contains(".torn-") })
    }

    @Test func invalidTailStillMovesAside() throws {
        let dir = try RelTemp("line-end-torn")
        let (journal, _) = try dir.seededJournal()
        try relAppend(journal, "2009-01-20T09:00:00.000Z 0123456789ab note ref=")
        let plan = RepairPlan.make(for: relRead(journal))
        guard case .moveTorn? = plan.steps.first else {
            Issue.record("a torn event was not to be moved: \(plan.steps)")
            return
        }
        guard case .moved(let m) = try JournalRepair.repair(path: journal) else {
            Issue.record("repair did not move it")
            return
        }
        #expect(m.sideFile != nil)
    }

    @Test func carriageReturnOnlyJournalGetsTheSameAnswerFromCheckAndRepair() throws {
        let dir = try RelTemp("line-end-cr")
        let (journal, _) = try dir.seededJournal()
        let whole = relRead(journal)
        try SecureFile.replace(journal, with: whole.map { $0 == 10 ? 13 : $0 })
        let plan = RepairPlan.make(for: relRead(journal))
        #expect(plan.refusal == nil)
        guard case .convertLineEnds(let n, 1)? = plan.steps.first else {
            Issue.record("lone CRs were not to be converted: \(plan.steps)")
            return
        }
        #expect(n == whole.filter { $0 == 10 }.count)
        #expect(plan.diagnostics.first?.isError == true, "check reports it as an error to repair")
        guard case .repaired = try JournalRepair.repair(path: journal) else {
            Issue.record("repair said there was nothing to repair")
            return
        }
        #expect(relRead(journal) == whole)
        #expect(RepairPlan.make(for: relRead(journal)).isNothingToDo)
    }

    @Test func crlfJournalNeedsNoRepair() throws {
        let dir = try RelTemp("line-end-crlf")
        let (journal, _) = try dir.seededJournal()
        var crlf: [UInt8] = []
        for b in relRead(journal) { if b == 10 { crlf.append(13) }; crlf.append(b) }
        #expect(RepairPlan.make(for: crlf).isNothingToDo)
    }

    @Test func errorOnACompleteLineMakesRepairRefuseWhateverTheLineEnds() throws {
        let dir = try RelTemp("line-end-refuse")
        let (journal, _) = try dir.seededJournal()
        try relAppend(journal, "2009-01-20T09:00:00.000Z 0123456789ab bogus x=1\n2009-01-2")
        let before = relRead(journal)
        #expect(throws: JournalRepair.RepairError.self) { try JournalRepair.repair(path: journal) }
        #expect(relRead(journal) == before)
    }
}
