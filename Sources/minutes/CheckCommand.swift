import ArgumentParser
import MinutesCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the journal and list every problem in it.",
        discussion: """
            Each problem is printed as FILE:LINE:COL: error|warning: message, then the line \
            with a caret under the column, then a hint. Exit status 1 when there is any error, \
            0 when there are only warnings or none.
            """)

    @OptionGroup var journal: JournalOptions

    func run() throws {
        let path = journal.path
        let loaded = try journal.load()
        var problems = loaded.diagnostics
        // Line-end damage gets the same answer as from repair: what repair will do.
        if loaded.tornLine != nil || loaded.diagnostics.hasErrors, let bytes = try? SecureFile.read(path, limit: Int.max) {
            let plan = RepairPlan.make(for: bytes)
            if plan.steps.contains(where: { if case .convertLineEnds = $0 { return true } else { return false } }) {
                // Read with CRs as line breaks, the file's own problems show on the lines people see.
                problems = plan.diagnostics + JournalLoader.load(bytes: plan.repaired).diagnostics
            } else if !plan.steps.isEmpty, let torn = loaded.tornLine {
                problems = problems.filter { !($0.line == torn && $0.message.hasPrefix("incomplete last line")) } + plan.diagnostics
            }
            problems = problems.sortedByPlace()
        }
        // Temporary copies an interrupted rewrite left: private minutes in a hidden file.
        for t in TemporaryFiles.stale(of: path) {
            problems.append(.warning(line: 0, "\(t.path): a temporary copy (\(t.size) bytes) left by an interrupted rewrite",
                                     hint: "minutes repair -f \(path) removes it"))
        }
        // With lone CRs the file's lines are not the ones the problems count: no source lines then.
        let lineBreaksFixed = problems.contains { $0.message.hasPrefix("line breaks here are lone carriage returns") }
        let sources = lineBreaksFixed ? [:] : JournalLoader.sourceLines(path: path, numbers: Set(problems.map(\.line)))
        var out: [String] = []
        for var d in problems {
            d = ConflictAdvice.advised(d, sourceLine: sources[d.line], state: loaded.state)
            // `rendered` already shows control and bidi characters of the line as escapes.
            out += d.rendered(file: path, sourceLine: sources[d.line]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        let errors = problems.errors.count, warnings = problems.warnings.count
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        if problems.isEmpty {
            out.append("\(path): no problems (\(plural(loaded.state.eventCount, "event")))")
        } else {
            out.append("\(path): \(plural(errors, "error")), \(plural(warnings, "warning"))")
        }
        Output.lines(out)
        if errors > 0 { throw ExitCode(ExitStatus.invalidData) }
    }
}
