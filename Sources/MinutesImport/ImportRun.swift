import Foundation
import MinutesCore

/// Writes a plan into a batch (see `JournalSession.recordBatch`): all of it or, when any entry
/// is refused, nothing.
public enum ImportRun {
    /// The `source=` every entry of an import carries: `import:` and the file's name, so that an
    /// import can be found (and retracted) by its file.
    public static func source(file: String) -> String {
        "import:" + (file as NSString).lastPathComponent
    }

    public static func add(_ plan: ImportPlan, to batch: inout JournalBatch) throws {
        for step in plan.steps {
            switch step {
            case .record(let body):
                try batch.add(body)
            case .recordDone(let todo, let meeting):
                let raised = try batch.add(todo)
                try batch.add(.done(ref: raised.id, meeting: meeting, outcome: nil))
            }
        }
    }

    /// Reads and plans in one go: the file, its tables, and what is new for this journal.
    public static func read(path: String, limits: DocxLimits = DocxLimits()) throws -> ReadMinutes {
        let package = try DocxPackage.read(path: path, limits: limits)
        return MinutesLayout.read(try WordDocumentReader.read(package))
    }
}
