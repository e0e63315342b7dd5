import ArgumentParser
import MinutesCore

/// `minutes upgrade`: moves a format-1 journal to format 2.
struct UpgradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Move a journal to the current format (2); only its first line changes.",
        discussion: """
            A journal of format 1 keeps working as it is: this program reads it and writes \
            format-1 lines into it. Upgrade when everyone who shares the journal has this \
            version: from then on new entries name projects by id (so projects added on two \
            laptops offline both survive a merge), and an older minutes refuses the journal \
            instead of misreading it. The old file is kept as <journal>.v1-backup. In a git \
            repository, upgrade on one machine, then commit and push (minutes sync).
            """)

    @OptionGroup var journal: JournalOptions

    @Flag(name: .customLong("dry-run"), help: "Only say what would change.")
    var dryRun = false

    func run() throws {
        do {
            Output.line(String(describing: try JournalUpgrade.upgrade(path: journal.path, dryRun: dryRun)))
        } catch {
            throw CLIError.from(error)
        }
    }
}
