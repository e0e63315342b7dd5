import ArgumentParser
import MinutesCore

struct AddDecisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decision",
        abstract: "Record a decision taken at a meeting, minuted under its project; prints its id.",
        discussion: """
            Decisions appear in the minutes as "Decision: …" under their project, and in the \
            decisions log (minutes export decisions GROUP).
            Example: minutes add decision be-safe/2 "The leaflet goes to print in June"
            """)

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The project, as GROUP/N.", valueName: "project"))
    var project: String

    @Argument(help: ArgumentHelp("The decision as minuted.", valueName: "text"))
    var text: String

    @Option(help: ArgumentHelp("The meeting it was taken at (it must exist); by default the group's latest.", valueName: "date"))
    var meeting: String?

    @Flag(help: "Mark it confidential: left out of every circulated copy.")
    var confidential = false

    func run() throws {
        let text = try Inputs.text(self.text, argument: "<text>")
        let session = try journal.openForWriting()
        let project = try Inputs.project(self.project, in: session.state)
        let group = try Inputs.group(project.ref.group, in: session.state)
        let day = try Inputs.meeting(of: group, explicit: meeting, requireOne: true)
        let event = try session.recordMarked(.decision(project.ref, meeting: day, text: text), confidential: confidential)
        Output.line("\(event.id)  \(project.ref)  \(day!.long)  Decision: \(text)" + (confidential ? "  (confidential)" : ""))
    }
}

struct AddOtherBusinessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aob",
        abstract: "Record an item of any other business of a group's meeting; prints its id.",
        discussion: "Example: minutes add aob be-safe \"The library offers its room for the autumn meetings\"")

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The group's short name, e.g. be-safe.", valueName: "group"))
    var group: String

    @Argument(help: ArgumentHelp("What was raised.", valueName: "text"))
    var text: String

    @Option(help: ArgumentHelp("The meeting it was raised at (it must exist); by default the group's latest.", valueName: "date"))
    var meeting: String?

    func run() throws {
        let text = try Inputs.text(self.text, argument: "<text>")
        let session = try journal.openForWriting()
        let group = try Inputs.group(self.group, in: session.state)
        let day = try Inputs.meeting(of: group, explicit: meeting, requireOne: true)
        let event = try session.recordReporting(.aob(group: group.slug, meeting: day, text: text))
        Output.line("\(event.id)  \(group.slug)  \(day!.long)  Any other business: \(text)")
    }
}

extension JournalSession {
    /// Records an item and, when asked, its due date, its `confidential` mark and (an action)
    /// its plan, in one write: all of them, or none.
    func recordMarked(_ body: EventBody, confidential: Bool, due: Day? = nil, meeting: Day? = nil,
                      actionPlan: PlanFields? = nil) throws -> Event {
        let before = state.diagnostics.count
        let events: [Event]
        do {
            events = try recordBatch { batch in
                let item = try batch.add(body)
                if let due { try batch.add(.due(ref: item.id, meeting: meeting ?? body.meeting, date: due)) }
                if confidential { try batch.add(.confidential(ref: item.id)) }
                if let actionPlan, !actionPlan.isEmpty { try batch.add(.plan(.action(item.id), actionPlan)) }
            }
        } catch {
            throw CLIError.from(error)
        }
        for d in state.diagnostics.dropFirst(before) { Output.report(d) }
        return events[0]
    }
}
