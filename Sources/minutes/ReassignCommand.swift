import ArgumentParser
import MinutesCore

struct ReassignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reassign",
        abstract: "Give a follow-up to someone else.",
        discussion: "Example: minutes reassign 4k7q KP,DD")

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The follow-up's id, or any unique start of it.", valueName: "id"))
    var id: String

    @Argument(help: ArgumentHelp("The new owners: initials or names, comma-separated.", valueName: "owners"))
    var owners: String

    @Option(help: ArgumentHelp("The meeting that reassigned it (it must exist).", valueName: "date"))
    var meeting: String?

    func run() throws {
        let names = Inputs.list([owners])
        guard !names.isEmpty else { throw CLIError.data("<owners> is empty; name at least one owner, e.g. KP") }
        let session = try journal.openForWriting()
        let state = session.state
        let target = try FollowUpTarget(id, meeting: meeting, in: state)
        var list: [Owner] = []
        for owner in names.map({ Inputs.owner($0, in: state) }) where !list.contains(where: { $0.key == owner.key }) {
            list.append(owner)
        }
        try session.recordReporting(.reassign(ref: target.item.id, meeting: target.meeting, owners: list))
        Output.line("Reassigned: \(target.item.id)  \(target.item.project)  \(Owner.phrase(list)) to \(target.item.text)")
    }
}
