import ArgumentParser
import MinutesCore

struct AddNoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note",
        abstract: "Add a progress note to a project, under a meeting's date; prints its id.",
        discussion: "Example: minutes add note be-safe/2 \"Template agreed by all partners\" --meeting 2009-05-15")

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The project, as GROUP/N.", valueName: "project"))
    var project: String

    @Argument(help: ArgumentHelp("What was reported.", valueName: "text"))
    var text: String

    @Option(help: ArgumentHelp("The meeting it was reported at (it must exist); by default the group's latest.", valueName: "date"))
    var meeting: String?

    @Flag(help: "Mark it confidential: left out of every circulated copy.")
    var confidential = false

    func run() throws {
        let text = try Inputs.text(self.text, argument: "<text>")
        let session = try journal.openForWriting()
        let project = try Inputs.project(self.project, in: session.state)
        let group = try Inputs.group(project.ref.group, in: session.state)
        let day = try Inputs.meeting(of: group, explicit: meeting, requireOne: true)
        let event = try session.recordMarked(.note(project.ref, meeting: day, text: text), confidential: confidential)
        Output.line("\(event.id)  \(project.ref)  \(day!.long): \(text)")
    }
}
