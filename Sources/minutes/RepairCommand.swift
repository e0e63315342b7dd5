import ArgumentParser
import Foundation
import MinutesCore

/// `minutes repair -f FILE`: moves an incomplete last line aside, and nothing else.
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

    @Option(name: [.customShort("f"), .customLong("file")], help: "The journal to repair.")
    var file: String

    @Flag(name: .customLong("dry-run"), help: "Only say what would be moved.")
    var dryRun = false

    func run() throws {
        do {
            print(try JournalRepair.repair(path: file, dryRun: dryRun))
        } catch {
            ReliabilityCLI.printError(error)
            throw ExitCode.failure
        }
    }
}

/// Shared by the reliability commands.
enum ReliabilityCLI {
    static func printError(_ error: Error) {
        let text = "minutes: " + String(describing: error) + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Diagnostics with their source lines and carets, for the terminal.
    static func render(_ diagnostics: [Diagnostic], file: String) -> String {
        let lines = JournalLoader.sourceLines(path: file, numbers: Set(diagnostics.map(\.line)))
        return diagnostics.map { $0.rendered(file: file, sourceLine: lines[$0.line]) }.joined(separator: "\n")
    }
}
