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
        let problems = loaded.diagnostics
        let sources = JournalLoader.sourceLines(path: path, numbers: Set(problems.map(\.line)))
        var out: [String] = []
        for d in problems {
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
