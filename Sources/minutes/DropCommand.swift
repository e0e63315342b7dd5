import ArgumentParser
import MinutesCore

struct DropCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop",
        abstract: "Drop a follow-up that will not be done, saying why.",
        discussion: "Example: minutes drop 4k7q \"The Youth Service will do it instead\"")

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The follow-up's id, or any unique start of it.", valueName: "id"))
    var id: String

    @Argument(help: ArgumentHelp("Why it is dropped.", valueName: "reason"))
    var reason: String

    @Option(help: ArgumentHelp("The meeting that dropped it (it must exist).", valueName: "date"))
    var meeting: String?

    func run() throws {
        let reason = try Inputs.text(self.reason, argument: "<reason>")
        let session = try journal.openForWriting()
        let target = try FollowUpTarget(id, meeting: meeting, in: session.state)
        try session.recordReporting(.drop(ref: target.item.id, meeting: target.meeting, reason: reason))
        Output.line("Dropped: \(target.item.id)  \(target.item.project)  \(FollowUpTarget.phrase(target.item)) — \(reason)")
    }
}
