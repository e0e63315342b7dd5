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
            later stands) and listed here to look at.
            """
    )

    @Option(name: [.customShort("f"), .customLong("file")], help: "The journal to sync.")
    var file: String

    @Option(name: [.customShort("m"), .customLong("message")], help: "The commit message.")
    var message: String?

    func run() throws {
        let report: SyncReport
        do {
            report = try GitSync(journalPath: file).sync(message: message)
        } catch {
            ReliabilityCLI.printError(error)
            throw ExitCode.failure
        }
        for step in report.steps { print(step) }
        if !report.conflictMarkerLines.isEmpty {
            print("conflict markers on lines " + report.conflictMarkerLines.map(String.init).joined(separator: ", ")
                  + ": remove them by hand, keeping the entries")
        }
        let conflicts = report.conflicts
        if !conflicts.isEmpty {
            print("\(conflicts.count) conflicting decision\(conflicts.count == 1 ? "" : "s") to look at:")
            print(ReliabilityCLI.render(conflicts, file: file))
        }
        let errors = report.diagnostics.errors
        if !errors.isEmpty {
            print("the journal has \(errors.count) problem\(errors.count == 1 ? "" : "s") after the sync:")
            print(ReliabilityCLI.render(errors, file: file))
            throw ExitCode.failure
        }
    }
}
