import ArgumentParser
import MinutesCore

struct AddActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Add an agreed action under a project's \"Actions required\"; prints its id.",
        discussion: "Example: minutes add action be-safe/2 \"Keep the directory up to date each term\"")

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The project, as GROUP/N.", valueName: "project"))
    var project: String

    @Argument(help: ArgumentHelp("What is to be done.", valueName: "text"))
    var text: String

    @Option(help: ArgumentHelp("The meeting that agreed it (it must exist); by default the latest, or, before the group has met, part of its set-up (in every meeting's minutes).", valueName: "date"))
    var meeting: String?

    @Flag(help: "Mark it confidential: left out of every circulated copy.")
    var confidential = false

    func run() throws {
        let text = try Inputs.text(self.text, argument: "<text>")
        let session = try journal.openForWriting()
        let project = try Inputs.project(self.project, in: session.state)
        let group = try Inputs.group(project.ref.group, in: session.state)
        let day = meeting == nil ? nil : try Inputs.meeting(of: group, explicit: meeting, requireOne: true)
        let event = try session.recordMarked(.action(project.ref, meeting: day, text: text), confidential: confidential)
        Output.line("\(event.id)  \(project.ref)  \(text)")
    }
}
