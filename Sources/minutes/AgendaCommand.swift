import ArgumentParser
import MinutesCore

/// `minutes agenda GROUP [--date DATE]`: what the next meeting must go through.
struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "Print the agenda for a group's next meeting.",
        discussion: """
            Projects in agenda order, each with the follow-ups that will be carried into the \
            meeting (oldest first, with how often they were carried so far) and its last \
            status rating. Example: minutes agenda be-safe --date 2009-09-17
            """)

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The group's short name, e.g. be-safe.", valueName: "group"))
    var group: String

    @Option(help: ArgumentHelp("The date of the next meeting (default: the date the last meeting set, if any).", valueName: "date"))
    var date: String?

    func run() throws {
        let day = try Inputs.day(date, argument: "--date")
        let state = try journal.loadWarning().state
        let g = try Inputs.group(group, in: state, argument: "<group>")
        let next = day ?? g.latestMeeting?.next
        var out = ["Agenda: \(g.name)" + (next.map { ", \($0.long)" } ?? ", next meeting")]
        if let last = g.latestMeeting { out.append("Last meeting: \(last.date.long)") }
        out.append("")
        for entry in state.agenda(group: g.slug) {
            var head = "\(entry.project.ref.number). \(entry.project.headline)"
            if let r = entry.latestRating {
                head += "  [last rated \(r.rating.title), \(r.meeting.long)" + (r.comment.map { ": \($0)" } ?? "") + "]"
            }
            out.append(head)
            if entry.carried.isEmpty {
                out.append("   nothing carried")
            }
            for o in entry.carried {
                let carried = o.carried > 0 ? ", carried \(o.carried)×" : ""
                out.append("   - " + FollowUpTarget.phrase(o.item) + " (from \(o.raised.short)\(carried)) [\(o.id)]")
            }
        }
        Output.lines(out.map(TerminalSafeText.clean))
    }
}
