import ArgumentParser
import MinutesCore

struct DoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "done",
        abstract: "Mark a follow-up done, with what came of it.",
        discussion: "Example: minutes done 4k7q \"Template sent to all partners\"")

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The follow-up's id, or any unique start of it.", valueName: "id"))
    var id: String

    @Argument(help: ArgumentHelp("What came of it.", valueName: "outcome"))
    var outcome: String?

    @Option(help: ArgumentHelp("The meeting it was reported done at (it must exist).", valueName: "date"))
    var meeting: String?

    func run() throws {
        let outcome = try Inputs.text(self.outcome, argument: "<outcome>")
        let session = try journal.openForWriting()
        let target = try FollowUpTarget(id, meeting: meeting, in: session.state)
        try session.recordReporting(.done(ref: target.item.id, meeting: target.meeting, outcome: outcome))
        Output.line("Done: \(target.item.id)  \(target.item.project)  \(FollowUpTarget.phrase(target.item))"
            + (outcome.map { " — \($0)" } ?? ""))
    }
}
