import ArgumentParser
import MinutesCore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new, empty journal.",
        discussion: "The file is created readable by you alone (0600). An existing file is never overwritten.")

    @OptionGroup var journal: JournalOptions

    func run() throws {
        do {
            try JournalWriter.create(path: journal.path)
        } catch {
            throw CLIError.from(error)
        }
        Output.line("Created \(journal.path)")
    }
}
