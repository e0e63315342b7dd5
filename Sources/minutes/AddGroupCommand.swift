import ArgumentParser
import MinutesCore

struct AddGroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Add a working group.",
        discussion: "Example: minutes add group be-safe \"Be Safe Working Group\" --lead CDM")

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The group's short name: lower-case letters, digits and '-', e.g. be-safe.", valueName: "slug"))
    var slug: String

    @Argument(help: ArgumentHelp("The group's full name.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("The initials of the group's lead.", valueName: "initials"))
    var lead: String?

    func run() throws {
        guard GroupSlug.isValid(slug) else {
            throw CLIError.data("<slug>: '\(slug)' is not a group name; use lower-case letters, digits and '-', starting with a letter (at most 40)")
        }
        let name = try Inputs.text(self.name, argument: "<name>")
        let lead = try lead.map { try Inputs.initials($0, argument: "--lead") }
        let session = try journal.openForWriting()
        if let existing = session.state.groups[slug] {
            throw CLIError.data("<slug>: group \(slug) already exists (\(existing.name)); choose another short name")
        }
        try session.recordReporting(.group(slug: slug, name: name, lead: lead))
        Output.line("Added group \(slug): \(name)")
    }
}
