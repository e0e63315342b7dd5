import ArgumentParser
import Foundation
import MinutesCore

/// `minutes repair`: fixes line ends, and nothing else (see `RepairPlan`).
struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Fix line ends: complete a last entry's line, or move an incomplete last line (left by a crash or a full disk) into a side file.",
        discussion: """
            A last line without its line break that is a complete, valid entry gets its line \
            break. Lone carriage returns used as line breaks become line feeds. Only bytes after \
            the last line break that are not a valid entry go to \
            <journal>.torn-<yyyyMMddTHHmmss> (UTC), readable only by you, and the journal is \
            rewritten without them. minutes check says beforehand what repair will do. Temporary \
            copies left by an interrupted rewrite are removed. Nothing else is ever changed: a \
            problem on any complete line makes repair refuse; minutes check names the line.
            """
    )

    @OptionGroup var journal: JournalOptions

    @Flag(name: .customLong("dry-run"), help: "Only say what would be moved.")
    var dryRun = false

    func run() throws {
        do {
            Output.line(String(describing: try JournalRepair.repair(path: journal.path, dryRun: dryRun)))
        } catch {
            throw CLIError.from(error)
        }
    }
}
