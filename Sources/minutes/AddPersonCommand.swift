import ArgumentParser
import MinutesCore

struct AddPersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Add someone to the directory.",
        discussion: "Example: minutes add person KP \"Kim Parker\" --org \"Police\"")

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("Their initials: 2 to 4 letters, unique in the journal.", valueName: "initials"))
    var initials: String

    @Argument(help: ArgumentHelp("Their full name.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Their organisation or role.", valueName: "organisation"))
    var org: String?

    func run() throws {
        let initials = try Inputs.initials(self.initials, argument: "<initials>")
        let name = try Inputs.text(self.name, argument: "<name>")
        let org = try Inputs.text(self.org, argument: "--org")
        let session = try journal.openForWriting()
        if let existing = session.state.person(initials) {
            throw CLIError.data("<initials>: \(initials) is already \(existing.name); choose other initials")
        }
        try session.recordReporting(.person(Person(initials: initials, name: name, organisation: org)))
        Output.line("Added \(initials) \(name)" + (org.map { " (\($0))" } ?? ""))
    }
}
