import ArgumentParser
import MinutesCore

/// `minutes approve GROUP DATE [--at DATE] [--amendments TEXT]`.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Record that the minutes of a meeting were approved as a true record at a later one.",
        discussion: """
            Until then every export of those minutes says DRAFT; afterwards "Approved at the \
            meeting of …", with the amendments. An entry of approved minutes corrected later \
            (minutes edit) is flagged as a post-approval amendment.
            Example: minutes approve be-safe 2009-05-15 --at 2009-06-25 --amendments "Item 3: KP, not DD"
            """)

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The group's short name, e.g. be-safe.", valueName: "group"))
    var group: String

    @Argument(help: ArgumentHelp("The date of the meeting whose minutes were approved.", valueName: "date"))
    var date: String

    @Option(help: ArgumentHelp("The meeting that approved them (default: the group's latest).", valueName: "date"))
    var at: String?

    @Option(help: ArgumentHelp("The amendments made before approving them.", valueName: "text"))
    var amendments: String?

    func run() throws {
        let meeting = try Inputs.day(date, argument: "<date>")
        let atDay = try Inputs.day(at, argument: "--at")
        let amendments = try Inputs.text(self.amendments, argument: "--amendments")
        let session = try journal.openForWriting()
        let group = try Inputs.group(self.group, in: session.state)
        guard let approving = atDay ?? group.latestMeeting?.date else {
            throw CLIError.data("<group>: \(group.slug) has held no meeting")
        }
        if let problem = session.state.approvalProblem(group: group.slug, meeting: meeting, at: approving) {
            let argument = problem.field == "meeting" ? (atDay == nil ? "the latest meeting" : "--at") : "<date>"
            throw CLIError.data("\(argument): " + problem.message + (problem.hint.map { " (\($0))" } ?? ""))
        }
        let body = EventBody.approve(group: group.slug, meeting: meeting, at: approving, amendments: amendments)
        if let problem = session.state.problem(with: Event(id: EventID(value: 0), timestamp: Timestamp(milliseconds: 0), body: body)) {
            throw CLIError.data((atDay == nil ? "the latest meeting: " : "--at: ") + problem.message + (problem.hint.map { " (\($0))" } ?? ""))
        }
        let event = try session.recordReporting(body)
        Output.line("\(event.id)  The minutes of \(meeting.long) were approved at the meeting of \(approving.long)"
            + (amendments.map { ", with amendments: \($0)" } ?? ""))
    }
}

/// `minutes due ID DATE`: sets or changes a follow-up's due date (kept in its history).
struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "Set or change the date a follow-up is due by; every change stays in its history (minutes log ID).",
        discussion: "Example: minutes due 4k7q 2009-07-31")

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The follow-up's id (any unique start of it).", valueName: "id"))
    var id: String

    @Argument(help: ArgumentHelp("The new due date.", valueName: "date"))
    var date: String

    @Option(help: ArgumentHelp("The meeting that agreed the change (default: none, the day it is recorded).", valueName: "date"))
    var meeting: String?

    func run() throws {
        let due = try Inputs.day(date, argument: "<date>")
        let session = try journal.openForWriting()
        let ref = try IDLookup.resolve(id, in: session.state)
        var day: Day?
        if let item = session.state.item(ref), let g = session.state.groups[item.project.group] {
            day = try Inputs.meeting(of: g, explicit: meeting, requireOne: false)
            if meeting == nil { day = nil }
        }
        if let item = session.state.item(ref), due < item.meeting {
            throw CLIError.data("<date>: \(due) is before the meeting of \(item.meeting) the follow-up was raised at")
        }
        let event = try session.recordReporting(.due(ref: ref, meeting: day, date: due))
        Output.line("\(event.id)  \(ref) due by \(due.long)")
    }
}

/// `minutes confidential ID`: marks an existing item confidential.
struct ConfidentialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confidential",
        abstract: "Mark an action, note, follow-up or decision confidential: left out of every circulated copy.",
        discussion: """
            Circulated exports leave it out and say how many items were withheld, unless \
            --include-confidential; an owner's own action list keeps their own. The journal (and \
            any git remote it is shared through) still holds the text. Undo with: minutes retract ID \
            (the id this prints). Example: minutes confidential 4k7q
            """)

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The item's id (any unique start of it).", valueName: "id"))
    var id: String

    func run() throws {
        let session = try journal.openForWriting()
        let ref = try IDLookup.resolve(id, in: session.state, kind: nil)
        guard let item = session.state.item(ref) else {
            throw CLIError.data("<id>: \(IDLookup.describe(ref, in: session.state)) is not an action, note, follow-up or decision")
        }
        let event = try session.recordReporting(.confidential(ref: item.id))
        Output.line("\(event.id)  \(IDLookup.label(item.kind)) \(item.id) is confidential")
    }
}
