import ArgumentParser
import MinutesCore

/// The ratings as typed on the command line.
enum RatingChoice: String, CaseIterable, ExpressibleByArgument {
    case unsatisfactory, satisfactory, good, excellent

    var rating: Rating {
        switch self {
        case .unsatisfactory: return .unsatisfactory
        case .satisfactory: return .satisfactory
        case .good: return .good
        case .excellent: return .excellent
        }
    }
}

struct RateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate",
        abstract: "Rate how a project is going at a meeting.",
        discussion: "Example: minutes rate be-safe/2 good \"Directory nearly ready\"")

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The project, as GROUP/N.", valueName: "project"))
    var project: String

    @Argument(help: ArgumentHelp("The rating.", valueName: "rating"))
    var rating: RatingChoice

    @Argument(help: ArgumentHelp("A comment on the rating.", valueName: "comment"))
    var comment: String?

    @Option(help: ArgumentHelp("The meeting it was rated at (it must exist); by default the group's latest.", valueName: "date"))
    var meeting: String?

    func run() throws {
        let comment = try Inputs.text(self.comment, argument: "<comment>")
        let session = try journal.openForWriting()
        let project = try Inputs.project(self.project, in: session.state)
        let group = try Inputs.group(project.ref.group, in: session.state)
        let day = try Inputs.meeting(of: group, explicit: meeting, requireOne: true)
        try session.recordReporting(.rate(project.ref, meeting: day, rating: rating.rating, comment: comment))
        Output.line("Rated \(project.ref) \(rating.rating.title) at the meeting of \(day!.long)" + (comment.map { ": \($0)" } ?? ""))
    }
}
