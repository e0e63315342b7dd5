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

    @Option(help: ArgumentHelp("Who is responsible, as follow-ups name owners (\"KP and DD\"); change it later with minutes plan ID.", valueName: "owners"))
    var responsibility: String?

    @Option(help: ArgumentHelp("When: a date, a month or words such as Ongoing (kept as typed).", valueName: "text"))
    var timescale: String?

    @Option(help: ArgumentHelp("The resources it needs.", valueName: "text"))
    var resources: String?
    @Flag(help: "Mark it confidential: left out of every circulated copy.")
    var confidential = false

    func run() throws {
        let text = try Inputs.text(self.text, argument: "<text>")
        let session = try journal.openForWriting()
        let project = try Inputs.project(self.project, in: session.state)
        let group = try Inputs.group(project.ref.group, in: session.state)
        let day = meeting == nil ? nil : try Inputs.meeting(of: group, explicit: meeting, requireOne: true)
        var plan = PlanFields()
        plan.owners = try responsibility.map { try PlanInputs.owners($0, state: session.state) } ?? []
        plan.timescale = try Inputs.text(timescale, argument: "--timescale")
        plan.resources = try Inputs.text(resources, argument: "--resources")
        // The action, its plan and its confidential mark in one append: all are written, or none.
        let event = try session.recordMarked(.action(project.ref, meeting: day, text: text), confidential: confidential,
                                             actionPlan: plan)
        Output.line("\(event.id)  \(project.ref)  \(text)")
    }
}
