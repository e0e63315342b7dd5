import ArgumentParser
import Foundation
import MinutesCore

/// `minutes repair`: moves an incomplete last line aside, and nothing else.
struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Move an incomplete last line (left by a crash or a full disk) into a side file.",
        discussion: """
            The bytes after the last line break go to <journal>.torn-<yyyyMMddTHHmmss> (UTC), \
            readable only by you, and the journal is rewritten without them. Nothing else is \
            ever changed: a problem on any earlier line makes repair refuse; minutes check \
            names the line.
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
