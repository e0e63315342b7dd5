import ArgumentParser
import MinutesCore

struct AddProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Add a numbered project to a group; prints its reference, e.g. be-safe/3.",
        discussion: "Example: minutes add project be-safe \"A directory of local services\"")

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The group the project belongs to.", valueName: "group"))
    var group: String

    @Argument(help: ArgumentHelp("The headline: what the project is for, shown under \"Actions required\".", valueName: "headline"))
    var headline: String

    func run() throws {
        let headline = try Inputs.text(self.headline, argument: "<headline>")
        let session = try journal.openForWriting()
        let group = try Inputs.group(self.group, in: session.state)
        let ref = ProjectRef(group: group.slug, number: (group.projectNumbers.max() ?? 0) + 1)
        try session.recordReporting(.project(ref, headline: headline))
        Output.line(ref.text)
    }
}
