import ArgumentParser
import MinutesCore

struct AddPersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Add someone to the directory.",
        discussion: """
            Example: minutes add person KP "Kim Parker" --org "Police" --email kp@example.org. \
            Given again with the same name, it records a new organisation or e-mail address.
            """)

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("Their initials: 2 to 4 letters, unique in the journal.", valueName: "initials"))
    var initials: String

    @Argument(help: ArgumentHelp("Their full name.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Their organisation or role.", valueName: "organisation"))
    var org: String?

    @Option(help: ArgumentHelp("Their e-mail address, where 'minutes mail' sends their follow-ups.", valueName: "address"))
    var email: String?

    func run() throws {
        let initials = try Inputs.initials(self.initials, argument: "<initials>")
        let name = try Inputs.text(self.name, argument: "<name>")
        let org = try Inputs.text(self.org, argument: "--org")
        let email = try Inputs.text(self.email, argument: "--email")
        if let email, !Person.isPlausibleEmail(email) {
            throw CLIError.data("--email: '\(email)' is not an e-mail address; write one such as kp@example.org")
        }
        let session = try journal.openForWriting()
        if let existing = session.state.person(initials) {
            // The same person again with an address or organisation: a person event replaces
            // the entry with those initials, so this records what is new and keeps the rest.
            guard existing.name == name, org != nil || email != nil else {
                throw CLIError.data("<initials>: \(initials) is already \(existing.name); choose other initials")
            }
            let updated = Person(initials: existing.initials, name: name, organisation: org ?? existing.organisation,
                                 email: email ?? existing.email)
            try session.recordReporting(.person(updated))
            Output.line("Updated \(initials) \(name)" + (updated.email.map { " <\($0)>" } ?? ""))
            return
        }
        try session.recordReporting(.person(Person(initials: initials, name: name, organisation: org, email: email)))
        Output.line("Added \(initials) \(name)" + (org.map { " (\($0))" } ?? ""))
    }
}
