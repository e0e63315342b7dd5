import ArgumentParser
import MinutesCore

struct AddTodoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "todo",
        abstract: "Add a follow-up, \"to do by next meeting\"; prints its id and the owners found.",
        discussion: """
            Owners are read from the start of the text the way minutes write them: \
            "KP to …", "KP and DD to …", "Schools to …", "Kim Parker to …". Unknown initials \
            and follow-ups with no owner are recorded, with a warning.
            Example: minutes add todo be-safe/2 "KP to adjust and e-mail organisation"
            """)

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The project, as GROUP/N.", valueName: "project"))
    var project: String

    @Argument(help: ArgumentHelp("The follow-up as minuted, owners first: \"KP to …\".", valueName: "text"))
    var text: String

    @Option(help: ArgumentHelp("The meeting it was raised at (it must exist); by default the group's latest.", valueName: "date"))
    var meeting: String?

    func run() throws {
        let typed = try Inputs.text(self.text, argument: "<text>")
        let session = try journal.openForWriting()
        let state = session.state
        let project = try Inputs.project(self.project, in: state)
        let group = try Inputs.group(project.ref.group, in: state)
        let day = try Inputs.meeting(of: group, explicit: meeting, requireOne: true)
        let parsed = OwnerParser.parse(typed, people: state.directory)
        let text = try Inputs.text(parsed.text, argument: "<text> after its owners")
        // The engine warns about unknown initials and a missing owner as it applies the
        // entry; names it cannot tell apart are the parser's to report.
        let event = try session.recordReporting(.todo(project.ref, meeting: day, owners: parsed.owners, text: text))
        for name in parsed.ambiguousNames {
            Output.warning("'\(name)' could be more than one person in the directory; kept as written (reassign with initials to pick one)")
        }
        for name in parsed.newNames {
            Output.note("'\(name)' is not in the directory; kept as a name")
        }
        let owners = parsed.owners.isEmpty ? "no owner" : "owners " + parsed.owners.map(\.label).joined(separator: ", ")
        Output.line("\(event.id)  \(project.ref)  \(owners): \(text)")
    }
}
