import ArgumentParser
import Foundation
import MinutesCore

/// `minutes sync -f FILE`: commit, merge what others pushed, push, replay and show conflicts.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Commit the journal, merge what others pushed, push, and show conflicting decisions.",
        discussion: """
            The journal must be in a git repository. Sync makes git merge it with the union \
            driver (.gitattributes), so entries added on two machines are all kept, without \
            conflict markers. Two different decisions on one follow-up are both kept (the \
            later stands) and listed here to look at; undo the wrong one with minutes retract ID. \
            Sync checks the journal first and publishes no damage: a journal with errors, conflict \
            markers or an incomplete last line is not committed or pushed (each problem is named \
            FILE:LINE:COL, exit status 1), nothing runs in the middle of a git merge or rebase \
            (it says how to finish or abort it), and a merge that brings damage in is not pushed. \
            The app may stay open: sync lets go of the journal's lock while it talks to the remote.
            """
    )

    @OptionGroup var journal: JournalOptions

    @Option(name: [.customShort("m"), .customLong("message")], help: "The commit message.")
    var message: String?

    func run() throws {
        let file = journal.path
        let report: SyncReport
        do {
            report = try GitSync(journalPath: file).sync(message: message)
        } catch let e as GitSyncError {
            switch e {
            case .journalHasProblems, .mergedJournalHasProblems:
                // The first line says what happened; each problem follows with its place.
                let lines = e.description.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                Output.error(lines[0], details: Array(lines.dropFirst()))
                throw ExitCode(ExitStatus.invalidData)
            default:
                throw CLIError.from(e)
            }
        } catch {
            throw CLIError.from(error)
        }
        var out = report.steps
        if !report.conflictMarkerLines.isEmpty {
            out.append("conflict markers on lines " + report.conflictMarkerLines.map(String.init).joined(separator: ", ")
                       + ": remove them by hand, keeping the entries")
        }
        let conflicts = report.conflicts
        if !conflicts.isEmpty {
            out.append("\(conflicts.count) conflicting decision\(conflicts.count == 1 ? "" : "s") to look at:")
            out += SyncCommand.render(conflicts, file: file)
        }
        let errors = report.diagnostics.errors
        if !errors.isEmpty {
            out.append("the journal has \(errors.count) problem\(errors.count == 1 ? "" : "s") after the sync:")
            out += SyncCommand.render(errors, file: file)
        }
        Output.lines(out)
        if !errors.isEmpty { throw ExitCode(ExitStatus.invalidData) }
    }

    /// Diagnostics with their source lines and carets, as `minutes check` shows them.
    static func render(_ diagnostics: [Diagnostic], file: String) -> [String] {
        let sources = JournalLoader.sourceLines(path: file, numbers: Set(diagnostics.map(\.line)))
        let state = diagnostics.contains { $0.message.contains("conflicting decisions") } ? (try? JournalLoader.load(path: file))?.state : nil
        return diagnostics.flatMap {
            ConflictAdvice.advised($0, sourceLine: sources[$0.line], state: state).rendered(file: file, sourceLine: sources[$0.line]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
    }
}
