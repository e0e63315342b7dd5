import ArgumentParser
import MinutesCore

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Correct the text (and a follow-up's owners) of an action, note or follow-up, or a project's headline.",
        discussion: """
            A correction applies to every view of the entry, the minutes of its meeting included, \
            whenever it is made. A follow-up's text is read like `add todo`: owners named first \
            ("DD to …") replace its owners; without owners they stay as they were.
            Examples: minutes edit 4k7q "DD to book the hall for 14 October"; minutes edit be-safe/2 "A directory of services"
            """)

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The entry's id (any unique start of it), or a project as GROUP/N.", valueName: "id"))
    var id: String

    @Argument(help: ArgumentHelp("The corrected text.", valueName: "text"))
    var text: String

    func run() throws {
        let typed = try Inputs.text(self.text, argument: "<text>")
        let session = try journal.openForWriting()
        let state = session.state
        if id.contains("/") {
            let project = try Inputs.project(id, in: state, argument: "<id>")
            try session.recordReporting(.amend(ref: project.id, text: typed, owners: nil))
            Output.line("Headline of \(project.ref): \(typed)")
            return
        }
        let ref = try IDLookup.resolve(id, in: state, kind: nil)
        guard let item = state.item(ref) else {
            throw CLIError.data("<id>: \(IDLookup.describe(ref, in: state)) is not an action, note or follow-up (a retracted entry cannot be edited)")
        }
        var owners: [Owner]?
        var text = typed
        if item.kind == .followUp {
            // Read as the app and `add todo` read a follow-up (one reading: EntryInput).
            let parsed = EntryInput.followUp(typed, people: state.directory)
            if !parsed.owners.isEmpty {
                owners = parsed.owners
                text = try Inputs.text(parsed.text, argument: "<text> after its owners")
            }
        }
        try session.recordReporting(.amend(ref: item.id, text: text, owners: owners))
        let shown = item.kind == .followUp ? EntryInput.sentence(owners: owners ?? item.owners, text: text) : text
        Output.line("Edited: \(item.id)  \(item.project)  \(shown)")
    }
}

struct RetractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retract",
        abstract: "Undo an entry or a decision as if it had not happened (its history is kept).",
        discussion: """
            Retracting an action, note or follow-up removes it from every list and every export; \
            retracting a done or drop reopens the follow-up; retracting an edit restores the text \
            before it; a meeting line, a rating or a project plan change can be retracted too. \
            `minutes log ID` shows what an id is. Example: minutes retract 9e8m --reason "Typed in the wrong project"
            """)

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The id of the entry or decision (any unique start of it).", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("Why it is retracted.", valueName: "text"))
    var reason: String?

    func run() throws {
        let reason = try Inputs.text(self.reason, argument: "--reason")
        let session = try journal.openForWriting()
        let ref = try IDLookup.resolve(id, in: session.state, kind: nil)
        let what = IDLookup.describe(ref, in: session.state)
        try session.recordReporting(.retract(ref: ref, reason: reason))
        Output.line("Retracted: \(what)" + (reason.map { " — \($0)" } ?? ""))
    }
}
