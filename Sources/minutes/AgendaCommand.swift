import ArgumentParser
import MinutesCore

/// `minutes agenda GROUP [--date DATE]`: what the next meeting must go through.
struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "Print the agenda for a group's next meeting.",
        discussion: """
            The standard order: apologies, minutes of the last meeting (to approve), matters \
            arising (the follow-ups carried into the meeting, oldest first, with how often they \
            were carried and their due dates), the projects in number order with their last \
            rating, any other business, date of next meeting. --leave-out drops sections a \
            group does not use. Example: minutes agenda be-safe --date 2009-09-17 --leave-out aob
            """)

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The group's short name, e.g. be-safe.", valueName: "group"))
    var group: String

    @Option(help: ArgumentHelp("The date of the next meeting (default: the date the last meeting set, if any).", valueName: "date"))
    var date: String?

    @Option(name: .customLong("leave-out"), parsing: .upToNextOption,
            help: ArgumentHelp("Sections this group does not use: apologies, minutes, arising, aob, next.", valueName: "section"))
    var leaveOut: [String] = []

    static let sections = ["apologies", "minutes", "arising", "aob", "next"]

    func run() throws {
        let day = try Inputs.day(date, argument: "--date")
        for s in leaveOut where !Self.sections.contains(s) {
            throw CLIError.usage("--leave-out: '\(s)' is not a section; sections are " + Self.sections.joined(separator: ", "))
        }
        let state = try journal.loadWarning().state
        let g = try Inputs.group(group, in: state, argument: "<group>")
        let next = day ?? g.latestMeeting?.next
        let today = next ?? Day.today()
        var out = ["Agenda: \(g.name)" + (next.map { ", \($0.long)" } ?? ", next meeting")]
        if let last = g.latestMeeting { out.append("Last meeting: \(last.date.long)") }
        out.append("")
        var number = 0
        func item(_ title: String) {
            number += 1
            out.append("\(number). \(title)")
        }
        let uses = { (s: String) in !leaveOut.contains(s) }
        if uses("apologies") { item("Apologies for absence") }
        if uses("minutes"), let last = g.latestMeeting {
            if let a = state.approval(of: g.slug, meeting: last.date) {
                item("Minutes of the last meeting (\(last.date.long)): approved at the meeting of \(a.at.long)")
            } else {
                item("Minutes of the last meeting (\(last.date.long)): to approve as a true record")
            }
        }
        let entries = state.agenda(group: g.slug)
        if uses("arising") {
            item("Matters arising")
            let carried = entries.flatMap(\.carried)
            if carried.isEmpty { out.append("   nothing carried") }
            for o in carried {
                let count = o.carried > 0 ? ", carried \(o.carried)×" : ""
                out.append("   - Project \(o.project.ref.number): " + FollowUpTarget.phrase(o.item) + " (from \(o.raised.short)\(count))"
                    + TodoCommand.dueNote(o.item, state: state, today: today) + " [\(o.id)]")
            }
        }
        for entry in entries {
            var head = "Project \(entry.project.ref.number): \(entry.project.headline)"
            if let r = entry.latestRating {
                head += "  [last rated \(r.rating.title), \(r.meeting.long)" + (r.comment.map { ": \($0)" } ?? "") + "]"
            }
            item(head)
            let open = entry.carried.count
            if open > 0 { out.append("   \(open) follow-up\(open == 1 ? "" : "s") outstanding (under matters arising)") }
        }
        if uses("aob") { item("Any other business") }
        if uses("next") { item("Date of next meeting") }
        Output.lines(out.map(TerminalSafeText.clean))
    }
}
