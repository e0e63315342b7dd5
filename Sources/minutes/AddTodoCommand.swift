import ArgumentParser
import MinutesCore

struct AddTodoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "todo",
        abstract: "Add a follow-up, \"to do by next meeting\"; prints its id and the owners found.",
        discussion: """
            Owners are read from the text the way minutes write them: "KP to …", "KP and DD \
            to …", "Schools to …", "Kim Parker to …", "K. Corcoran is organising …", "KP will …", \
            "Action: KP", "… Action: KP", "KP to … and DD to …". Unless written as initials and \
            "to", the text is kept as typed, owners included. A due date is read from "by 30 \
            June" or "by the next meeting" unless --due gives one. Unknown initials and \
            follow-ups with no owner are recorded, with a warning.
            Example: minutes add todo be-safe/2 "KP to adjust and e-mail organisation"
            """)

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The project, as GROUP/N.", valueName: "project"))
    var project: String

    @Argument(help: ArgumentHelp("The follow-up as minuted, owners first: \"KP to …\".", valueName: "text"))
    var text: String

    @Option(help: ArgumentHelp("The meeting it was raised at (it must exist); by default the group's latest.", valueName: "date"))
    var meeting: String?

    @Option(help: ArgumentHelp("The date it is due by; by default read from the text (\"… by 30 June\", \"… by the next meeting\").", valueName: "date"))
    var due: String?

    @Flag(help: "Mark it confidential: left out of every circulated copy but its owners' own action lists.")
    var confidential = false

    func run() throws {
        let dueDay = try Inputs.day(due, argument: "--due")
        let typed = try Inputs.text(self.text, argument: "<text>")
        let session = try journal.openForWriting()
        let state = session.state
        let project = try Inputs.project(self.project, in: state)
        let group = try Inputs.group(project.ref.group, in: state)
        let day = try Inputs.meeting(of: group, explicit: meeting, requireOne: true)
        let reading = FollowUpPhrasing.parse(typed, people: state.directory)
        let parsed = reading.parsed
        if parsed.owners.isEmpty {
            Output.note("no owner recognised in '\(typed)'; write it as \"XX to …\", \"Action: XX\" or \"XX will …\" (recorded without an owner)")
        }
        let text = try Inputs.text(parsed.text, argument: "<text> after its owners")
        // The engine warns about unknown initials and a missing owner as it applies the
        // entry; names it cannot tell apart are the parser's to report.
        let dueBy = try Self.dueDate(explicit: dueDay, text: text, meeting: day!, group: group)
        let event = try session.recordMarked(.todo(project.ref, meeting: day, owners: parsed.owners, text: text),
                                             confidential: confidential, due: dueBy, meeting: day)
        for name in parsed.ambiguousNames {
            Output.warning("'\(name)' could be more than one person in the directory; kept as written (reassign with initials to pick one)")
        }
        for name in parsed.newNames {
            Output.note("'\(name)' is not in the directory; kept as a name")
        }
        let owners = parsed.owners.isEmpty ? "no owner" : "owners " + parsed.owners.map(\.label).joined(separator: ", ")
        Output.line("\(event.id)  \(project.ref)  \(owners): \(text)" + (dueBy.map { "  due \($0.long)" } ?? "")
            + (confidential ? "  (confidential)" : ""))
    }

    /// The due date given, or the one the text names; a "by …" that is not a date is said, not guessed.
    static func dueDate(explicit: Day?, text: String, meeting: Day, group: Group) throws -> Day? {
        if let explicit {
            if explicit < meeting {
                throw CLIError.data("--due: \(explicit) is before the meeting of \(meeting) the follow-up is raised at")
            }
            return explicit
        }
        let found = DuePhrase.parse(text, meeting: meeting, next: group.meeting(on: meeting)?.next)
        if found.needsNextDate {
            Output.note("'by the next meeting': the meeting of \(meeting) has no next date set, so no due date was recorded (set one with: minutes due ID DATE)")
        } else if found.due == nil, let words = found.unrecognised {
            Output.note("'by \(words)' is not a date; kept as text, no due date recorded")
        }
        return found.due
    }
}
