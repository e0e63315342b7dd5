import Foundation
import MinutesCore

/// Marks an entry as imported from a file. Every imported entry goes through here, so that
/// when the journal gains its `source=` field this is the one line to change.
public enum ImportMark {
    public static func marked(_ body: EventBody, source: String) -> EventBody {
        body
    }
}

/// Writes a plan into a batch (see `JournalSession.recordBatch`): all of it or, when any entry
/// is refused, nothing.
public enum ImportRun {
    public static func add(_ plan: ImportPlan, to batch: inout JournalBatch, source: String) throws {
        for step in plan.steps {
            switch step {
            case .record(let body):
                try batch.add(ImportMark.marked(body, source: source))
            case .recordDone(let todo, let meeting):
                let raised = try batch.add(ImportMark.marked(todo, source: source))
                try batch.add(ImportMark.marked(.done(ref: raised.id, meeting: meeting, outcome: nil), source: source))
            }
        }
    }

    /// Reads and plans in one go: the file, its tables, and what is new for this journal.
    public static func read(path: String, limits: DocxLimits = DocxLimits()) throws -> ReadMinutes {
        let package = try DocxPackage.read(path: path, limits: limits)
        return MinutesLayout.read(try WordDocumentReader.read(package))
    }
}
